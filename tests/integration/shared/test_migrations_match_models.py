"""Every service's migrations build exactly the tables of its models.py (failed_events and
the outbox's next_attempt_at included), on SQLite and PostgreSQL."""
from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from shared.settings import SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_the_migrations_build_exactly_the_tables_of_the_models(service, make_db):
    metadata = importlib.import_module(f"services.{service}.models").Base.metadata
    engine = create_engine(make_db(service))
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []
