"""Workers of the ideas service for the security unit tests."""
from __future__ import annotations

import pytest

from services.ideas.models import INBOX, OUTBOX
from services.ideas.service import IdeasService
from tests.support.workers import Workers


@pytest.fixture
def ideas(tmp_path) -> Workers:
    workers = Workers(IdeasService, tmp_path, OUTBOX, INBOX)
    yield workers
    workers.close()
