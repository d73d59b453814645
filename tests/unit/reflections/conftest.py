"""The reflections service's worker on an in-memory database, the caller and the other
services mocked (tests/support/workers.py)."""
from __future__ import annotations

from unittest.mock import Mock

import pytest

from services.reflections.database import ReflectionsDb
from services.reflections.models import Base
from services.reflections.service import ReflectionsService
from tests.support.workers import Workers


@pytest.fixture
def worker():
    """worker(identity) -> a ReflectionsService called by `identity`; worker.db, .session."""
    with Workers(ReflectionsService, Base.metadata, ReflectionsDb) as workers:
        workers.db.fold_log = Mock()  # the SQLite files' upkeep; an in-memory one has none
        yield workers
