"""Tables of the ideas service."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Idea(Base):
    __tablename__ = "ideas"
    __table_args__ = (
        Index("uq_ideas_source_reflection_id", "source_reflection_id", unique=True),
        Index("uq_ideas_source_ref", "source_ref", unique=True),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    problem: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    benefit: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str | None] = mapped_column(String(80), nullable=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    author_id: Mapped[str] = mapped_column(String(36), index=True)
    campaign_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # recomputed from idea_votes in the transaction that changes them
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    impact: Mapped[int | None] = mapped_column(Integer, nullable=True)
    effort: Mapped[int | None] = mapped_column(Integer, nullable=True)
    priority: Mapped[int | None] = mapped_column(Integer, nullable=True)
    priority_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assessed_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    assessed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    duplicate_of_id: Mapped[str | None] = mapped_column(
        ForeignKey("ideas.id", name="fk_ideas_duplicate_of_id"), nullable=True, index=True
    )
    source_reflection_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # where else it came from, e.g. `growth:check-in:<id>:<problem index>` (revision i23_0001)
    source_ref: Mapped[str | None] = mapped_column(String(120), nullable=True)

    tags: Mapped[list[IdeaTag]] = relationship(
        cascade="all, delete-orphan", order_by="IdeaTag.position", lazy="selectin"
    )


class IdeaTag(Base):
    __tablename__ = "idea_tags"

    idea_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Vote(Base):
    """One per person and idea: the primary key makes a second vote a no-op insert."""

    __tablename__ = "idea_votes"

    idea_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    voter_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    voted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Comment(Base):
    __tablename__ = "idea_comments"
    __table_args__ = (Index("ix_idea_comments_idea_created", "idea_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    idea_id: Mapped[str] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[str] = mapped_column(String(36))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StatusChange(Base):
    """The workflow history; `seq` keeps the order of changes made in the same instant."""

    __tablename__ = "idea_status_history"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idea_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    changed_by: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ExperimentLink(Base):
    """An experiment run on an idea, as the experiments service reported it."""

    __tablename__ = "idea_experiments"

    idea_id: Mapped[str] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    experiment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    learnings: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    concluded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class ReviewSettings(Base):
    """The organisation's review rules, one row (id 1) once an admin changed them."""

    __tablename__ = "review_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allow_self_review: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
