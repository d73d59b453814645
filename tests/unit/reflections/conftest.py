"""Fixtures of the reflections unit tests: workers of ReflectionsService on a migrated SQLite
file (tests/support/workers.py), the services that own linked things mocked."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest
from sqlalchemy import func, select

from services.reflections.database import ReflectionsDatabase, ReflectionsDb
from services.reflections.models import INBOX, OUTBOX, Reflection
from services.reflections.service import ReflectionsService
from tests.support.workers import Workers


class ReflectionWorkers(Workers):
    """Workers whose `db` is the service's own, which folds the SQLite log after a delete;
    `folded` holds how many reflections were committed each time it did."""

    def __init__(self, tmp_path, **dependencies):
        super().__init__(ReflectionsService, tmp_path, OUTBOX, INBOX, **dependencies)
        self.folded: list[int] = []
        self.database.fold_log = self._fold

    def _fold(self) -> None:
        self.folded.append(self.rows(select(func.count()).select_from(Reflection))[0][0])
        ReflectionsDatabase.fold_log(self.database)

    def worker(self, identity):
        worker = super().worker(identity)
        worker.db = ReflectionsDb(self.database, worker.db.session)
        return worker


@pytest.fixture
def peers() -> dict[str, MagicMock]:
    return {f"{name}_rpc": MagicMock(service_name=name)
            for name in ("ideas", "experiments", "career")}


@pytest.fixture
def reflections(tmp_path, peers) -> ReflectionWorkers:
    workers = ReflectionWorkers(tmp_path, **peers)
    yield workers
    workers.close()
