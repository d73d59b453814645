"""Fixtures of the ideas integration tests."""
from __future__ import annotations

import pytest

from tests.integration.ideas.support import start_ideas


@pytest.fixture
def ideas(start_service, make_db):
    """(container, db url) of the ideas service on a fresh database."""
    return start_ideas(start_service, make_db)
