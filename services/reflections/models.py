"""Tables of the reflections service: reflections (with tags and links) and the
organisation's own prompt templates. Built-in prompts live in code (prompts.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Reflection(Base):
    __tablename__ = "reflections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    author_id: Mapped[str] = mapped_column(String(64), index=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    visibility: Mapped[str] = mapped_column(String(20), index=True)
    body: Mapped[str] = mapped_column(Text)
    prompt_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mood: Mapped[int | None] = mapped_column(Integer, nullable=True)
    idea_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    tags: Mapped[list[ReflectionTag]] = relationship(
        cascade="all, delete-orphan", order_by="ReflectionTag.position", lazy="selectin"
    )
    links: Mapped[list[ReflectionLink]] = relationship(
        cascade="all, delete-orphan", order_by="ReflectionLink.position", lazy="selectin"
    )


class ReflectionTag(Base):
    __tablename__ = "reflection_tags"

    reflection_id: Mapped[str] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ReflectionLink(Base):
    """A link to something another service owns: an idea, experiment or opportunity."""

    __tablename__ = "reflection_links"

    reflection_id: Mapped[str] = mapped_column(
        ForeignKey("reflections.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ReflectionPrompt(Base):
    """An organisation's own prompt template, managed by admins; archived, never deleted,
    so reflections written from it keep their reference."""

    __tablename__ = "reflection_prompts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(500), default="")
    questions: Mapped[str] = mapped_column(Text)  # JSON list of strings
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
