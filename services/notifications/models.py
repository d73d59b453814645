"""Tables of the notifications service: who people are (from career's events), what each was
told, how each wants to be told, the chat channels admins connect and their deliveries."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy import true as sa_true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Person(Base):
    """The read model of career's person_upserted: enough to route and address a notice."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    roles: Mapped[str] = mapped_column(String(120), default="employee")  # space separated
    # career's person_deactivated / person_reactivated: a deactivated person is told nothing
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())


class IdeaRow(Base):
    """Ideas as their events told: whose each is, for merges and experiment conclusions."""

    __tablename__ = "ideas"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140), default="")
    author_id: Mapped[str] = mapped_column(String(36))
    area: Mapped[str | None] = mapped_column(String(80), nullable=True)


class OpportunityRow(Base):
    __tablename__ = "opportunities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140), default="")
    owner_id: Mapped[str] = mapped_column(String(36))


class WatchedExperiment(Base):
    """Experiments as their events told, to remind owner and members of an overdue point:
    who is in it, whether it runs, and when its latest points were taken."""

    __tablename__ = "watched_experiments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(140), default="")
    owner_id: Mapped[str] = mapped_column(String(36))
    member_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    concluded: Mapped[bool] = mapped_column(Boolean, default=False)
    point_times: Mapped[str] = mapped_column(Text, default="[]")  # JSON, the last ten, ISO


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
        Index("uq_notifications_event_recipient", "event_id", "recipient_id", "kind",
              unique=True),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    recipient_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    subject_type: Mapped[str] = mapped_column(String(20))  # IDEA | EXPERIMENT | OPPORTUNITY ...
    subject_id: Mapped[str] = mapped_column(String(36))
    subject_title: Mapped[str] = mapped_column(String(200), default="")
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    event_id: Mapped[str] = mapped_column(String(36))
    in_app: Mapped[bool] = mapped_column(Boolean, default=True)  # shown in the inbox
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    emailed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class KindPreference(Base):
    """One row per person and kind they changed; a missing row is the kind's default."""

    __tablename__ = "kind_preferences"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    in_app: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)
    chat: Mapped[bool] = mapped_column(Boolean, default=True)


class DeliverySettings(Base):
    """A person's digest cadence, quiet hours and time zone; a missing row is the default."""

    __tablename__ = "delivery_settings"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    digest: Mapped[str] = mapped_column(String(10), default="DAILY")  # NONE | DAILY | WEEKLY
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    quiet_from: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "22:00"
    quiet_until: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "07:00"
    # the end of the last digest window sent: the next one starts there, so none is skipped
    digested_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class ChatChannel(Base):
    __tablename__ = "chat_channels"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # SLACK | TEAMS | WEBHOOK
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(String(80))  # signs WEBHOOK deliveries
    team_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON; [] = the organisation
    kinds: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of notification kinds
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Delivery(Base):
    """One message for one channel, retried with backoff until delivered or parked."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_due", "status", "next_attempt_at"),
                      Index("uq_deliveries_channel_event", "channel_id", "event_id",
                            unique=True))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    channel_id: Mapped[str] = mapped_column(ForeignKey("chat_channels.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # JSON: the notice, rendered at send time
    status: Mapped[str] = mapped_column(String(10), default="PENDING")  # PENDING|DELIVERED|PARKED
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
