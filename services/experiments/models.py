"""Tables of the experiments service."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Double, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Experiment(Base):
    __tablename__ = "experiments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    hypothesis: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(12), index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    idea_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # the experiment this one follows up (a PDCA chain after an ADAPT decision)
    previous_id: Mapped[str | None] = mapped_column(
        ForeignKey("experiments.id", name="fk_experiments_previous_id"), nullable=True,
        index=True)
    metric_name: Mapped[str] = mapped_column(String(80))
    metric_unit: Mapped[str] = mapped_column(String(20), default="")
    direction: Mapped[str] = mapped_column(String(10))
    # MEASURE | PROPORTION | RATE | COUNT: the shape of a point and the chart that draws it
    metric_kind: Mapped[str] = mapped_column(String(12), default="MEASURE",
                                             server_default="MEASURE")
    # IHI | ANHOEJ | NHS: the rule set its chart is read with unless a reader asks another
    rules: Mapped[str] = mapped_column(String(8), default="IHI", server_default="IHI")
    metric_baseline: Mapped[float] = mapped_column(Double)
    metric_target: Mapped[float] = mapped_column(Double)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(10), nullable=True)
    learnings: Mapped[str | None] = mapped_column(Text, nullable=True)
    where_else: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    studied_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    concluded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Member(Base):
    """The owner is a member too, at position 0."""

    __tablename__ = "experiment_members"

    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Measurement(Base):
    """One value per experiment and moment: recording the same moment again is either a
    no-op (same value) or a correction (kept in measurement_corrections)."""

    __tablename__ = "measurements"
    __table_args__ = (UniqueConstraint("experiment_id", "at", name="uq_measurements_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    value: Mapped[float] = mapped_column(Double)  # numerator / denominator for a ratio
    numerator: Mapped[float | None] = mapped_column(Double, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Double, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # recorded while the experiment was still in PLAN: part of the baseline period
    before_start: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Correction(Base):
    """The audit trail of a measurement: what it was, what it became, who changed it."""

    __tablename__ = "measurement_corrections"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    measurement_id: Mapped[str] = mapped_column(
        ForeignKey("measurements.id", ondelete="CASCADE"), index=True)
    old_value: Mapped[float] = mapped_column(Double)
    new_value: Mapped[float] = mapped_column(Double)
    old_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    corrected_by: Mapped[str] = mapped_column(String(36))
    corrected_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StageChange(Base):
    """The stage history; `seq` keeps the order of moves made in the same instant."""

    __tablename__ = "experiment_stage_changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(12), nullable=True)
    to_stage: Mapped[str] = mapped_column(String(12))
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ChartSplit(Base):
    """Where the team started a new part of the chart (a sustained shift re-baselined): the
    points from `at` on get their own centre line and limits."""

    __tablename__ = "chart_splits"
    __table_args__ = (UniqueConstraint("experiment_id", "at", name="uq_chart_splits_at"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(Text)
    split_by: Mapped[str] = mapped_column(String(36))
    split_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Setting(Base):
    """An organisation-wide setting an admin changes, such as the default rule set."""

    __tablename__ = "experiment_settings"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
