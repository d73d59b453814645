"""Parked events: one table per consumer service holding every event a handler gave up on,
with the error, the payload and the attempts, until an operator replays it
(`kaizen-admin events replay ID|--all`).

A row is keyed by (event_id, handler): an event that fails again after a replay updates
its row (more attempts, the new error) instead of adding a second one."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from shared.clock import now
from shared.types import UtcDateTime


def failed_events_table(metadata: MetaData) -> Table:
    return Table(
        "failed_events",
        metadata,
        Column("id", String(36), primary_key=True),
        Column("event_id", String(36), nullable=False),
        Column("handler", String(120), nullable=False),  # service.method
        Column("queue", String(255), nullable=False),  # where a replay goes
        Column("event_type", String(80), nullable=False),
        Column("source", String(80), nullable=False),
        Column("payload", Text, nullable=False),  # the envelope, as JSON
        Column("error", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("failed_at", UtcDateTime(), nullable=False, index=True),
        Column("replayed_at", UtcDateTime(), nullable=True),
        UniqueConstraint("event_id", "handler", name="uq_failed_events_event_handler"),
    )


@dataclass(frozen=True)
class FailedEvent:
    id: str
    event_id: str
    handler: str
    queue: str
    event_type: str
    source: str
    payload: dict
    error: str
    attempts: int
    failed_at: datetime
    replayed_at: datetime | None


def park(engine: Engine, table: Table, *, handler: str, queue: str, message: dict,
         error: str, attempts: int) -> str:
    """Records that `handler` gave up on `message`; returns the row's id."""
    with engine.begin() as conn:
        found = conn.execute(select(table.c.id).where(
            table.c.event_id == message["event_id"], table.c.handler == handler)).first()
        values = dict(error=error, attempts=attempts, failed_at=now(), replayed_at=None,
                      payload=json.dumps(message), queue=queue)
        if found:
            conn.execute(update(table).where(table.c.id == found.id).values(
                attempts=table.c.attempts + attempts, **{k: v for k, v in values.items()
                                                         if k != "attempts"}))
            return found.id
        row_id = str(uuid.uuid4())
        conn.execute(insert(table).values(
            id=row_id, event_id=message["event_id"], handler=handler,
            event_type=str(message.get("event_type", "?")),
            source=str(message.get("source", "?")), **values))
        return row_id


def waiting(engine: Engine, table: Table) -> list[FailedEvent]:
    """The parked events not replayed yet, oldest first."""
    statement = (select(table).where(table.c.replayed_at.is_(None))
                 .order_by(table.c.failed_at))
    with engine.connect() as conn:
        return [_event(row) for row in conn.execute(statement)]


def find(engine: Engine, table: Table, row_id: str) -> FailedEvent | None:
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == row_id)).first()
    return _event(row) if row else None


def mark_replayed(engine: Engine, table: Table, row_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == row_id).values(replayed_at=now()))


def _event(row) -> FailedEvent:
    fields = dict(row._mapping)
    fields["payload"] = json.loads(fields["payload"])
    return FailedEvent(**fields)
