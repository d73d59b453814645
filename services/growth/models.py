"""Tables of the growth service: goals with key results, weekly check-ins, one-on-one
series with their meetings, agendas, notes and action items, and kudos."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Goal(Base):
    """A person's goal (`owner_id`) or a team's (`team` alone), for a period like 2026-Q4."""

    __tablename__ = "goals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    visibility: Mapped[str] = mapped_column(String(12))
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("goals.id", name="fk_goals_parent_id"), nullable=True, index=True)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    key_results: Mapped[list[KeyResult]] = relationship(
        cascade="all, delete-orphan", order_by="KeyResult.position", lazy="selectin")


class KeyResult(Base):
    __tablename__ = "key_results"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    goal_id: Mapped[str] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(140))
    start: Mapped[float] = mapped_column(Float)
    target: Mapped[float] = mapped_column(Float)
    current: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20), default="")
    experiment_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # the time of the measurement `current` came from, so an older one arriving late loses
    measured_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class KeyResultUpdate(Base):
    """The history of a key result's current value."""

    __tablename__ = "key_result_updates"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_result_id: Mapped[str] = mapped_column(
        ForeignKey("key_results.id", ondelete="CASCADE"), index=True)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CheckIn(Base):
    """One per person and ISO week (`week_of` is its Monday)."""

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("person_id", "week_of", name="uq_check_ins_week"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    week_of: Mapped[date] = mapped_column(Date, index=True)
    mood: Mapped[int | None] = mapped_column(Integer, nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    items: Mapped[list[CheckInItem]] = relationship(
        cascade="all, delete-orphan", order_by="CheckInItem.position",
        lazy="selectin")
    reactions: Mapped[list[Reaction]] = relationship(
        cascade="all, delete-orphan", order_by="Reaction.created_at", lazy="selectin")


class CheckInItem(Base):
    """A plan, a piece of progress or a problem; a problem may have become an idea."""

    __tablename__ = "check_in_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    check_in_id: Mapped[str] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # PLAN | PROGRESS | PROBLEM
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    carried: Mapped[bool] = mapped_column(Boolean, default=False)  # a plan from last week
    idea_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Reaction(Base):
    __tablename__ = "check_in_reactions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    check_in_id: Mapped[str] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    emoji: Mapped[str | None] = mapped_column(String(16), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CheckInReminder(Base):
    """Who was reminded to check in which week, so a reminder goes out once."""

    __tablename__ = "check_in_reminders"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    week_of: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Series(Base):
    """The recurring one-on-ones of a manager and one report."""

    __tablename__ = "one_on_one_series"
    __table_args__ = (UniqueConstraint("manager_id", "report_id", name="uq_series_pair"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    manager_id: Mapped[str] = mapped_column(String(36), index=True)
    report_id: Mapped[str] = mapped_column(String(36), index=True)
    every_days: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Meeting(Base):
    """One occurrence of a series; `reminded_at` is set when its reminder went out."""

    __tablename__ = "one_on_ones"
    __table_args__ = (UniqueConstraint("series_id", "scheduled_at", name="uq_meeting_time"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    series_id: Mapped[str] = mapped_column(
        ForeignKey("one_on_one_series.id", ondelete="CASCADE"), index=True)
    manager_id: Mapped[str] = mapped_column(String(36), index=True)
    report_id: Mapped[str] = mapped_column(String(36), index=True)
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class TalkingPoint(Base):
    __tablename__ = "talking_points"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    one_on_one_id: Mapped[str] = mapped_column(
        ForeignKey("one_on_ones.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(String(500))
    check_in_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Note(Base):
    __tablename__ = "one_on_one_notes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    one_on_one_id: Mapped[str] = mapped_column(
        ForeignKey("one_on_ones.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    body: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(8))  # PRIVATE | SHARED
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ActionItem(Base):
    """Belongs to the series, so it carries forward to every meeting until it is done."""

    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_series_done", "series_id", "done"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    series_id: Mapped[str] = mapped_column(
        ForeignKey("one_on_one_series.id", ondelete="CASCADE"))
    one_on_one_id: Mapped[str] = mapped_column(
        ForeignKey("one_on_ones.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    owner_id: Mapped[str] = mapped_column(String(36))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Kudos(Base):
    __tablename__ = "kudos"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    from_id: Mapped[str] = mapped_column(String(36), index=True)
    to_person_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # the team it went to, or the recipient's team when it was given
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    to_team: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text)
    link_kind: Mapped[str | None] = mapped_column(String(12), nullable=True)
    link_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    skill: Mapped[str | None] = mapped_column(String(120), nullable=True)
    visibility: Mapped[str] = mapped_column(String(8))  # PUBLIC | PRIVATE
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
