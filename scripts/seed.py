"""Seeds the demo organisation through the services' own RPC, unless already seeded."""
from __future__ import annotations

import sys

from nameko.standalone.rpc import ClusterRpcProxy

from scripts import seed_data
from shared.identity import SYSTEM, Identity, context_for
from shared.settings import amqp_uri


def as_user(identity: Identity) -> ClusterRpcProxy:
    return ClusterRpcProxy({"AMQP_URI": amqp_uri()}, context_data=context_for(identity),
                           timeout=30)


def already_seeded() -> bool:
    with as_user(SYSTEM) as cluster:
        return cluster.career.list_people(first=1)["total"] > 0


def seed_people() -> dict[str, dict]:
    with as_user(SYSTEM) as cluster:
        cluster.career.upsert_people(seed_data.people())
        listed = cluster.career.list_people(first=100)["items"]
    return {p["email"]: p for p in listed}


def seed_ideas(people: dict[str, dict]) -> int:
    for idea in seed_data.ideas():
        author = people[idea.pop("author_email")]
        identity = Identity(author["id"], tuple(author["roles"]), author["team"])
        with as_user(identity) as cluster:
            cluster.ideas.submit_idea(idea)
    return len(seed_data.IDEAS)


def main() -> int:
    if already_seeded():
        print("demo data: already seeded")
        return 0
    people = seed_people()
    count = seed_ideas(people)
    print(f"demo data: {len(people)} people, {count} ideas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
