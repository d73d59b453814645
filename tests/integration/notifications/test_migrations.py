"""The notifications migrations (i18_0001, i18_0002_watched_experiments, ...) build
exactly the tables of models.py, on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from services.notifications.models import Base


def test_the_migrations_build_exactly_the_tables_of_the_models(make_db):
    engine = create_engine(make_db("notifications"))
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []
