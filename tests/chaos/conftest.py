"""The fault suite's stack, one per backend (SQLite, PostgreSQL), started once for all its
scenarios and the poison event: its own broker node, data directory, ports and PostgreSQL
cluster."""
from __future__ import annotations

import httpx
import pytest

from tests.chaos import stack as chaos_stack
from tests.support.postgres import Cluster, require_bin_dir

CLIENTS = 8  # client threads, each signed in as a person of the demo seed
SERVER_FAULTS = {"postgres_restarted"}  # faults of a database server: the PostgreSQL run only


def pytest_collection_modifyitems(config, items):
    """A database server's restart is no scenario of the SQLite run (SQLite has no server):
    that combination is deselected, not collected as a skip."""
    def meaningless(item) -> bool:
        params = getattr(getattr(item, "callspec", None), "params", {})
        fault = getattr(params.get("fault"), "name", None)
        return params.get("chaos") == "sqlite" and fault in SERVER_FAULTS

    dropped = [item for item in items if meaningless(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not meaningless(item)]


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def chaos(request):
    cluster = None
    if request.param == "postgres":
        cluster = Cluster(require_bin_dir()).start()
    try:
        running = chaos_stack.start(cluster)
        try:
            yield running
        finally:
            chaos_stack.stop(running)
    finally:
        if cluster is not None:
            cluster.stop()


@pytest.fixture(scope="session")
def tokens(chaos) -> list[str]:
    people = httpx.get(f"{chaos.stack.url}/auth/dev-people", timeout=30).json()
    return [chaos.stack.token(p["email"]) for p in people[:CLIENTS]]
