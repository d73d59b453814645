"""Fixtures shared by every test run: the database backends (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest

from shared.migrate import upgrade
from tests.support.postgres import Cluster, require_bin_dir


def pytest_configure(config):
    """The service-token keys every tier signs and verifies with (var/keys, made once)."""
    from shared import keys

    keys.ensure()


def pytest_collection_modifyitems(items):
    """Browser tests run last: Playwright's sync API keeps an asyncio loop running in the
    main thread while the session's browser is open, which would break asyncio.run(). The
    generated operations of the fuzz pass run after them, so what they write (ideas,
    reflections, ... with random text) meets no other test on the shared stack; they are
    plain HTTP and need no asyncio."""
    def order(item) -> tuple[bool, bool]:
        path = item.nodeid.replace("\\", "/")
        fuzz = path.startswith("tests/e2e/test_fuzz.py")
        return fuzz or "tests/portal/" in path, fuzz

    items.sort(key=order)


@pytest.fixture(scope="session")
def pg_cluster():
    bin_dir = require_bin_dir()
    cluster = Cluster(bin_dir).start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_backend(request) -> str:
    return request.param


@pytest.fixture
def make_db(db_backend, tmp_path, request):
    """make_db(service) -> URL of a fresh, migrated database on the current backend."""

    def make(service: str) -> str:
        if db_backend == "sqlite":
            url = f"sqlite:///{tmp_path / f'{service}.db'}"
        else:
            url = request.getfixturevalue("pg_cluster").create_database()
        upgrade(service, url)
        return url

    return make


@pytest.fixture(scope="session")
def stack():
    """The running stack (services + gateway) with the demo seed, shared by e2e and portal
    tests. Only the plain-pytest run uses it; integration tests use nameko's fixtures."""
    from tests.support.stack import start_stack, stop_stack

    running = start_stack()
    yield running
    stop_stack(running)
