"""Tables of the career service: the people directory (more to come: skills, opportunities)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    title: Mapped[str] = mapped_column(String(120), default="")
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    manager_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    location: Mapped[str] = mapped_column(String(80), default="")
    roles: Mapped[str] = mapped_column(String(120), default="employee")  # space separated
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
