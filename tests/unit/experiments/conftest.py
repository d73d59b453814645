"""Fixtures of the experiments unit tests: workers of ExperimentsService on a migrated
SQLite file, with the career and ideas services mocked (their answers set per test)."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from services.experiments.models import INBOX, OUTBOX
from services.experiments.service import ExperimentsService
from tests.support.workers import Workers

PEOPLE = {"olivia", "max", "mona"}


def answering(proxy: MagicMock, method: str, answer) -> None:
    """`proxy.method.call_async(ids).result()` returns `answer(ids)`."""
    getattr(proxy, method).call_async.side_effect = lambda ids: MagicMock(
        result=MagicMock(return_value=answer(ids)))


@pytest.fixture
def peers() -> dict[str, MagicMock]:
    career, ideas = MagicMock(service_name="career"), MagicMock(service_name="ideas")
    answering(career, "get_people", lambda ids: [{"id": i} if i in PEOPLE else None
                                                 for i in ids])
    answering(ideas, "get_ideas", lambda ids: [
        {"id": i, "status": "DUPLICATE" if i == "merged" else "ACCEPTED"} for i in ids])
    return {"career_rpc": career, "ideas_rpc": ideas}


@pytest.fixture
def experiments(tmp_path, peers) -> Workers:
    workers = Workers(ExperimentsService, tmp_path, OUTBOX, INBOX, **peers)
    yield workers
    workers.close()
