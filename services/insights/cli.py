"""`kaizen-insights reindex`: rebuilds the insights read model from the owning services;
`kaizen-insights feedback FILE`: exports people's "not the same" pairs for `make eval`.

Pulls ideas, concluded experiments, opportunities, shared reflections and profiles over RPC
(as the system identity), pushes them to the running insights service in batches with a
progress bar, then lets it retire what no longer exists and re-cluster if anything changed
(`--recluster`: in any case). The service encodes only texts that changed, and theme ids
survive."""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator

from nameko.standalone.rpc import ClusterRpcProxy
from tqdm import tqdm

from services.insights.texts import experiment_text, idea_text, opportunity_text
from shared.identity import SYSTEM, Identity
from shared.rpc import cluster_proxy
from shared.settings import deployed_services

BATCH = 500  # validation.MAX_BATCH: fewer round trips
PAGE = 100
IDEAS_PAGE = 1000  # the ideas service's bulk read (ideas_to_index, keyset paging)


def pages(fetch: Callable[[str | None], dict], bar: tqdm | None = None) -> Iterator[dict]:
    """Every item of a paged listing; `bar` counts them against the listing's total."""
    after = None
    while True:
        page = fetch(after)
        if bar is not None:
            bar.total = page.get("total", bar.total)
            bar.update(len(page["items"]))
        yield from page["items"]
        if not page["has_next"]:
            return
        after = page["end_cursor"]


def idea_item(dto: dict) -> dict:
    return {"id": dto["id"], "title": dto["title"], "status": dto["status"],
            "text": idea_text(dto["title"], dto["problem"], dto["proposal"]),
            "author_id": dto["author_id"], "created_at": dto["created_at"],
            "active": dto["status"] != "DUPLICATE", "extra": {"tags": dto["tags"]}}


def experiment_item(dto: dict) -> dict:
    return {"id": dto["id"], "title": dto["title"], "status": dto["decision"] or "",
            "text": experiment_text(dto["title"], dto["hypothesis"]),
            "author_id": dto["owner_id"], "created_at": dto["concluded_at"],
            "extra": {"decision": dto["decision"], "learnings": dto["learnings"] or "",
                      "idea_id": dto["idea_id"], "hypothesis": dto["hypothesis"]}}


def opportunity_item(dto: dict) -> dict:
    skills = [{"name": s["skill"]["name"], "skill_id": s["skill"]["id"], "level": s["level"],
               "required": s["required"]} for s in dto["skills"]]
    return {"id": dto["id"], "title": dto["title"], "status": dto["status"],
            "text": opportunity_text(dto["title"], dto["description"],
                                     [s["name"] for s in skills]),
            "author_id": dto["owner_id"], "created_at": dto["created_at"],
            "active": dto["status"] == "OPEN",
            "extra": {"kind": dto["kind"], "team": dto["team"], "skills": skills}}


def reflection_item(dto: dict) -> dict:
    return {"id": dto["id"], "text": dto["body"], "status": dto["visibility"],
            "author_id": dto["author_id"], "created_at": dto["created_at"],
            "extra": {"visibility": dto["visibility"], "team": dto["team"]}}


def profile_item(dto: dict) -> dict:
    return {"person_id": dto["person_id"], "headline": dto["headline"],
            "skills": [{"name": s["skill"]["name"], "skill_id": s["skill"]["id"],
                        "level": s["level"]} for s in dto["skills"]],
            "interests": dto["interests"], "aspirations": dto["aspirations"],
            "mentoring_skills": [s["name"] for s in dto["mentoring_skills"]]}


def proxy(identity: Identity = SYSTEM) -> ClusterRpcProxy:
    return cluster_proxy(identity, timeout=600)


def collect(cluster, deployed: set[str], progress: bool = True) -> dict[str, list[dict]]:
    """Everything insights derives from, by document kind, from the services deployed."""
    found: dict[str, list[dict]] = {}

    def read(name: str, fetch: Callable[[str | None], dict]) -> Iterator[dict]:
        with tqdm(desc=f"reading {name}", unit="doc", disable=not progress) as bar:
            yield from pages(fetch, bar)

    if "ideas" in deployed:
        found["IDEA"] = [idea_item(d) for d in read(
            "ideas", lambda after: cluster.ideas.ideas_to_index(first=IDEAS_PAGE,
                                                                after=after))]
    if "experiments" in deployed:
        found["EXPERIMENT"] = [experiment_item(d) for d in read(
            "experiments", lambda after: cluster.experiments.list_experiments(
                first=PAGE, after=after, filter={"stage": "CONCLUDED"}))]
    if "career" in deployed:
        found["OPPORTUNITY"] = [opportunity_item(d) for d in read(
            "opportunities",
            lambda after: cluster.career.list_opportunities({}, first=PAGE, after=after))]
        people = list(pages(lambda after: cluster.career.list_people(first=PAGE, after=after)))
        ids = [p["id"] for p in people if p.get("active", True)]  # no deactivated profiles
        found["PROFILE"] = [profile_item(p) for i in range(0, len(ids), PAGE)
                            for p in cluster.career.get_profiles(ids[i:i + PAGE]) if p]
        if "reflections" in deployed:
            found["REFLECTION"] = shared_reflections({p["team"] for p in people})
    return found


def shared_reflections(teams: set[str | None]) -> list[dict]:
    """ORGANIZATION reflections plus each team's TEAM ones, as the system in that team."""
    seen: dict[str, dict] = {}
    for team in sorted(teams, key=lambda t: t or ""):
        with proxy(Identity(SYSTEM.user_id, SYSTEM.roles, team)) as cluster:
            for dto in pages(lambda after, c=cluster: c.reflections.list_team_reflections(
                    first=PAGE, after=after)):
                seen.setdefault(dto["id"], reflection_item(dto))
    return list(seen.values())


def reindex(batch: int = BATCH, progress: bool = True, recluster: bool = False) -> dict:
    """The service's result, with the seconds each step took (`read_s`, `index_s`,
    `finish_s`)."""
    deployed = set(deployed_services())
    # one connection throughout: each call carries a service token signed when the last
    # one is half-used (shared.tokens), so no token expires however long this runs
    with proxy() as cluster:
        started = time.perf_counter()
        rev = cluster.insights.begin_reindex()["rev"]
        found = collect(cluster, deployed, progress)
        read = time.perf_counter()
        for kind, items in found.items():
            with tqdm(total=len(items), desc=f"indexing {kind.lower()}", unit="doc",
                      disable=not progress) as bar:
                for start in range(0, len(items), batch):
                    bar.update(cluster.insights.index_documents(kind,
                                                                items[start:start + batch]))
        indexed = time.perf_counter()
        with tqdm(total=1, desc="retiring what is gone, re-clustering if anything changed",
                  unit="step", disable=not progress) as bar:
            result = cluster.insights.finish_reindex(
                rev, [k for k in found if k != "PROFILE"], recluster)
            bar.update(1)
    return {**result, "read_s": read - started, "index_s": indexed - read,
            "finish_s": time.perf_counter() - indexed}


FEEDBACK_ABOUT = ("People's \"not the same\" on a suggested duplicate: each pair is a draft "
                  "(text) and the idea the product flagged (idea_text), a non-duplicate by the "
                  "person's word. Read by `make eval FEEDBACK=this-file`.")


def export_feedback(path: str) -> int:
    """Writes every "not the same" pair to `path` (JSON); returns how many."""
    with proxy() as cluster:
        pairs = list(pages(lambda after: cluster.insights.not_duplicate_feedback(
            first=PAGE, after=after)))
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"about": FEEDBACK_ABOUT, "pairs": pairs}, out, indent=1, ensure_ascii=False)
    return len(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaizen-insights")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("reindex", help="rebuild the read model from the services")
    command.add_argument("--batch", type=int, default=BATCH, help="documents per call")
    command.add_argument("--quiet", action="store_true", help="no progress bar")
    command.add_argument("--recluster", action="store_true",
                         help="re-cluster everything even if nothing changed")
    command = commands.add_parser("feedback", help="export people's \"not the same\" pairs "
                                                   "(draft, idea) as JSON for make eval")
    command.add_argument("file", help="where to write them")
    args = parser.parse_args(argv)
    if args.command == "feedback":
        print(f"exported {export_feedback(args.file)} \"not the same\" pairs to {args.file}")
        return 0
    result = reindex(args.batch, progress=not args.quiet, recluster=args.recluster)
    how = "re-clustered" if result["reclustered"] else "nothing changed, not re-clustered"
    print(f"reindexed: {result['themes']} themes ({result['kept']} kept their id), "
          f"{result['pooled']} unclustered, {result['removed']} removed ({how}); "
          f"read {result['read_s']:.1f} s, indexed {result['index_s']:.1f} s, "
          f"finished {result['finish_s']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
