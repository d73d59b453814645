"""The career migrations (0001, 0002, i22_0001_mentoring, ...) build exactly the tables of
models.py, on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from services.career.models import Base


def test_the_migrations_build_exactly_the_tables_of_the_models(make_db):
    engine = create_engine(make_db("career"))
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []
