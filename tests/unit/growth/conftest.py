"""Fixtures of the growth unit tests: workers of GrowthService on a migrated SQLite file
(tests/support/workers.py), the people directory faked, ideas and experiments mocked."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from services.growth.models import INBOX, OUTBOX
from services.growth.service import GrowthService
from tests.support.growth_org import directory_entries, fake_career, identities
from tests.support.workers import Workers


@pytest.fixture
def people():
    return identities(directory_entries())


@pytest.fixture
def growth(tmp_path):
    workers = Workers(GrowthService, tmp_path, OUTBOX, INBOX, career_rpc=fake_career(),
                      ideas_rpc=MagicMock(service_name="ideas"),
                      experiments_rpc=MagicMock(service_name="experiments"))
    yield workers
    workers.close()
