"""Transactional outbox and idempotent inbox, one pair of tables in every service's DB.

A change and the events it causes commit together; a relay publishes them afterwards, right
after commit and again from a timer, so a crash between commit and publish loses nothing.
Rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL so several instances can relay.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
import weakref
from collections.abc import Callable
from datetime import UTC, timedelta

from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu.exceptions import OperationalError as KombuOperationalError
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from shared.clock import now
from shared.settings import outbox_retry
from shared.sql import insert_for
from shared.types import UtcDateTime

log = logging.getLogger(__name__)

Publish = Callable[[str, dict], None]  # (event_type, payload)


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(80), nullable=False),
        Column("payload", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("published_at", UtcDateTime(), nullable=True, index=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UtcDateTime(), nullable=True),  # after a failed publish
    )


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("handler", String(120), primary_key=True),
        Column("processed_at", UtcDateTime(), nullable=False),
    )


def envelope(event_type: str, data: dict, source: str) -> dict:
    return {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "source": source,
        "occurred_at": now().isoformat(),
        "data": data,
    }


def add_event(session: Session, table: Table, message: dict) -> None:
    session.execute(
        insert(table).values(
            event_id=message["event_id"],
            event_type=message["event_type"],
            payload=json.dumps(message),
            created_at=now(),
            attempts=0,
        )
    )


def forget(session: Session, table: Table, event_type: str, key: str, value: str) -> None:
    """Deletes the outbox rows (sent or not) of `event_type` whose data has `key` == `value`:
    for events whose content was withdrawn, so no copy of it lingers in the outbox.

    The payload is this module's own JSON (`add_event`), so the match is on its exact form."""
    fragment = json.dumps({key: value})[1:-1]  # '"key": "value"', as json.dumps writes it
    session.execute(delete(table).where(table.c.event_type == event_type,
                                        table.c.payload.contains(fragment, autoescape=True)))


def claim_inbox(session: Session, table: Table, event_id: str, handler: str) -> bool:
    """Records that `handler` processed `event_id` in the handler's transaction.

    Returns False when it was already processed, so the caller skips the event. One
    INSERT ... ON CONFLICT DO NOTHING, no savepoint: pysqlite runs a SAVEPOINT outside a
    transaction as the transaction itself, so its RELEASE committed the claim at once and a
    handler that failed afterwards left its event marked as processed. A concurrent delivery
    of the same event waits for this transaction and then inserts nothing."""
    claimed = session.execute(
        insert_for(session)(table).values(event_id=event_id, handler=handler, processed_at=now())
        .on_conflict_do_nothing(index_elements=[table.c.event_id, table.c.handler])
        .returning(table.c.event_id)
    )
    return claimed.first() is not None


_relay_locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_relay_locks_guard = threading.Lock()


def _relay_lock(engine: Engine) -> threading.Lock:
    # SQLite has no row locks: relays of one process take turns. Several instances relaying
    # from one database is a PostgreSQL deployment, where FOR UPDATE SKIP LOCKED splits rows.
    with _relay_locks_guard:
        return _relay_locks.setdefault(engine, threading.Lock())


def relay(engine: Engine, table: Table, publish: Publish, batch: int = 100) -> int:
    """Publishes pending events oldest first; returns how many were published."""
    with _relay_lock(engine):
        return _relay_batch(engine, table, publish, batch)


def _relay_batch(engine: Engine, table: Table, publish: Publish, batch: int) -> int:
    due = or_(table.c.next_attempt_at.is_(None), table.c.next_attempt_at <= now())
    pending = (
        select(table.c.seq, table.c.event_type, table.c.payload, table.c.attempts)
        .where(table.c.published_at.is_(None), due)
        .order_by(table.c.seq)
        .limit(batch)
    )
    if engine.dialect.name == "sqlite":
        # Read without a transaction, publish, then mark in one short write: no SQLite write
        # lock is held while a publish yields to other greenthreads (a writer waiting in
        # SQLite's busy handler would block the whole eventlet hub). A crash between publish
        # and mark republishes; handlers are idempotent.
        with Session(engine) as session:
            rows = session.execute(pending).all()
        with Session(engine) as session, session.begin():
            return _publish_rows(session, table, rows, publish)
    # PostgreSQL: row locks split the pending rows between relaying instances.
    with Session(engine) as session, session.begin():
        rows = session.execute(pending.with_for_update(skip_locked=True)).all()
        return _publish_rows(session, table, rows, publish)


def broker_down(exc: Exception) -> bool:
    """A failure every publish would share (no connection), not one of this event's own."""
    return isinstance(exc, OSError | KombuOperationalError | AmqpConnectionError)


def backoff(attempts: int) -> timedelta:
    """How long an event waits after its `attempts`-th failed publish: doubling, capped."""
    first, cap = outbox_retry()
    return timedelta(seconds=min(first * 2 ** (attempts - 1), cap))


def _publish_rows(session: Session, table: Table, rows, publish: Publish) -> int:
    """Publishes rows in order and marks them in one statement. A row that fails on its own
    (e.g. the broker returned it) waits for its backoff while the later rows go on; when the
    broker is down the batch stops there, in order, for the next relay.

    On SQLite the session has not written yet, so the write lock is taken only by the
    UPDATE statements at the end, after the last publish has returned."""
    done: list[int] = []
    failed: list[tuple[int, int, bool]] = []  # (seq, attempts so far, its own failure)
    for seq, event_type, payload, attempts in rows:
        try:
            publish(event_type, json.loads(payload))
        except Exception as exc:
            log.warning("outbox publish failed for %s; will retry", event_type, exc_info=True)
            down = broker_down(exc)  # the relay as a whole backs off (shared.db)
            failed.append((seq, attempts + 1, not down))
            if down:
                break
            continue
        done.append(seq)
    if done:
        session.execute(update(table).where(table.c.seq.in_(done)).values(published_at=now()))
    for seq, attempts, own in failed:
        later = now() + backoff(attempts) if own else None
        session.execute(update(table).where(table.c.seq == seq).values(
            attempts=attempts, next_attempt_at=later))
    return len(done)


def oldest_unsent_age(engine: Engine, table: Table) -> float:
    """Seconds since the oldest event not yet published was written (0 when none)."""
    with engine.connect() as conn:
        oldest = conn.scalar(select(func.min(table.c.created_at))
                             .where(table.c.published_at.is_(None)))
    if oldest is None:
        return 0.0
    oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
    return max((now() - oldest).total_seconds(), 0.0)


def purge(engine: Engine, outbox: Table, inbox: Table, older_than: timedelta) -> tuple[int, int]:
    """Deletes published outbox rows and processed inbox rows older than `older_than`;
    returns how many of each. An event redelivered after that would be handled again."""
    cutoff = now() - older_than
    with engine.begin() as conn:
        sent = conn.execute(delete(outbox).where(outbox.c.published_at.is_not(None),
                                                 outbox.c.published_at < cutoff)).rowcount
        seen = conn.execute(delete(inbox).where(inbox.c.processed_at < cutoff)).rowcount
    return sent, seen
