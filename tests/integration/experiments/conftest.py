"""Fixtures of the experiments integration tests."""
from __future__ import annotations

import pytest

from tests.integration.experiments.support import Kaizen, start_kaizen


@pytest.fixture
def kaizen(container_factory, rabbit_config, make_db) -> Kaizen:
    """Career and experiments on fresh databases, with the test organisation imported."""
    return start_kaizen(container_factory, rabbit_config, make_db, with_ideas=False)
