"""The reflections service's worker on an in-memory database, the caller and the other
services mocked (tests/support/workers.py)."""
from __future__ import annotations

from unittest.mock import Mock

import pytest
from nameko.testing.services import worker_factory

from services.reflections.database import ReflectionsDb
from services.reflections.models import INBOX, OUTBOX, Base
from services.reflections.service import ReflectionsService
from tests.support.workers import caller_as, memory_session, worker_db


@pytest.fixture
def session():
    session = memory_session(Base.metadata)
    yield session
    session.close()


@pytest.fixture
def db(session):
    db = worker_db(session, "reflections", OUTBOX, INBOX, ReflectionsDb)
    db.fold_log = Mock()  # the SQLite files' upkeep; an in-memory database has none
    return db


@pytest.fixture
def worker(db):
    """worker(identity) -> a ReflectionsService instance called by `identity`."""
    return lambda identity: worker_factory(ReflectionsService, db=db, caller=caller_as(identity))
