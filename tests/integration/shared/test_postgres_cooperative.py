"""PostgreSQL under eventlet: a slow query in one worker does not stall the other workers
of the same service. psycopg's C wait function would block the whole hub while the query
runs; shared.pg_wait makes it wait through eventlet's green select."""
from __future__ import annotations

import eventlet
import psycopg
import pytest
from sqlalchemy import text

from services.ideas.service import IdeasService
from shared.entrypoints import rpc
from shared.migrate import upgrade
from tests.integration.ideas.support import call

SLOW_QUERY = "SELECT pg_sleep(30)"  # cancelled by the test once the quick call has answered


class IdeasWithASlowQuery(IdeasService):
    """The ideas service plus one entrypoint whose query waits in PostgreSQL."""

    @rpc
    def run_slow_query(self) -> str:
        try:
            self.db.session.execute(text(SLOW_QUERY))
        except Exception as exc:  # the test cancels it: psycopg's QueryCanceled, wrapped
            return type(getattr(exc, "orig", exc)).__name__
        return "finished"


def backend(url: str, query: str) -> int | None:
    """The pid of the backend running `query`, or None."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute("SELECT pid FROM pg_stat_activity WHERE query = %s AND state = "
                           "'active'", (query,)).fetchone()
        return row[0] if row else None


def cancel(url: str, pid: int) -> None:
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_cancel_backend(%s)", (pid,))


@pytest.mark.postgres
def test_a_slow_query_does_not_stall_another_worker(container_factory, rabbit_config,
                                                    pg_cluster):
    url = pg_cluster.create_database()
    upgrade("ideas", url)
    container = container_factory(IdeasWithASlowQuery, {**rabbit_config, "DB_URIS": {"ideas": url}})
    container.start()

    slow = eventlet.spawn(call, container, "run_slow_query")
    pid = None
    while pid is None and not slow.dead:  # until the slow query runs in PostgreSQL
        eventlet.sleep(0.05)
        pid = backend(url, SLOW_QUERY)

    answer = call(container, "list_ideas")  # another worker, while the query waits
    still_waiting = not slow.dead
    if pid is not None:
        cancel(url, pid)

    assert answer["total"] == 0
    assert still_waiting, "the quick call waited for the slow query to finish"
    assert slow.wait() == "QueryCanceled"
