"""Fixtures of the insights integration tests: the real model, loaded once."""
from __future__ import annotations

import pytest

from services.insights.encoder import get_encoder
from tests.integration.insights.support import start_insights


@pytest.fixture(scope="session", autouse=True)
def model():
    """Loaded once for the session (the encoder is cached per process)."""
    return get_encoder()


@pytest.fixture
def insights(start_service, make_db):
    """(container, db url) of the insights service on a fresh database."""
    return start_insights(start_service, make_db)
