"""Seeds the demo organisation through the services' own RPC, unless already seeded.

Each module in scripts/seeds with a `seed(ctx)` function runs once, in `ORDER`, when the
services it names in `SERVICES` are deployed."""
from __future__ import annotations

import importlib
import pkgutil
import sys

from nameko.standalone.rpc import ClusterRpcProxy

import scripts.seeds as seeds
from shared.identity import SYSTEM, Identity
from shared.rpc import cluster_proxy
from shared.settings import deployed_services


class SeedContext:
    def __init__(self) -> None:
        self.people: dict[str, dict] = {}

    def _proxy(self, identity: Identity) -> ClusterRpcProxy:
        return cluster_proxy(identity, timeout=60)

    def as_system(self) -> ClusterRpcProxy:
        return self._proxy(SYSTEM)

    def identity(self, email: str) -> Identity:
        person = self.people[email]
        return Identity(person["id"], tuple(person["roles"]), person["team"])

    def as_person(self, email: str) -> ClusterRpcProxy:
        return self._proxy(self.identity(email))

    def refresh_people(self) -> None:
        with self.as_system() as cluster:
            items, after = [], None
            while True:
                page = cluster.career.list_people(first=100, after=after)
                items += page["items"]
                if not page["has_next"]:
                    break
                after = page["end_cursor"]
        self.people = {p["email"]: p for p in items}


def seeders() -> list:
    modules = [importlib.import_module(f"scripts.seeds.{m.name}")
               for m in pkgutil.iter_modules(seeds.__path__)]
    deployed = set(deployed_services())
    runnable = [m for m in modules if hasattr(m, "seed") and set(m.SERVICES) <= deployed]
    return sorted(runnable, key=lambda m: m.ORDER)


def main() -> int:
    ctx = SeedContext()
    ctx.refresh_people()
    if ctx.people:
        print("demo data: already seeded")
        return 0
    done = [module.seed(ctx) for module in seeders()]
    print("demo data: " + ", ".join(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
