"""SQL the two databases we run on (PostgreSQL, SQLite) spell alike but build apart."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session) -> Callable:
    """The INSERT of the session's database (it has ``on_conflict_do_nothing``)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite.insert
