"""The outbox relay's backoff, its oldest-unsent age and the purge of delivered rows, against
SQLite and PostgreSQL (no broker: the publish step is a function we control). Time moves
with a clock file (shared.clock)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.ideas.models import INBOX, OUTBOX
from shared import clock, outbox
from shared.db import Unrouted, make_engine
from tests.repository.test_outbox import pending, write_events


@pytest.fixture
def moved_clock(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    return lambda seconds: clock.advance(path, timedelta(seconds=seconds))


@pytest.fixture
def engine(make_db):
    engine = make_engine(make_db("ideas"))
    yield engine
    engine.dispose()


def test_an_event_that_always_fails_does_not_hold_back_the_later_ones(engine, moved_clock):
    poison, *later = write_events(engine, 3)
    sent: list[str] = []

    def returns_the_first(event_type, message):
        if message["event_id"] == poison:
            raise Unrouted("returned by the broker")
        sent.append(message["event_id"])

    assert outbox.relay(engine, OUTBOX, returns_the_first) == 2
    assert sent == later and pending(engine) == 1
    assert outbox.relay(engine, OUTBOX, returns_the_first) == 0  # waits for its backoff
    attempts = []
    for _ in range(4):
        moved_clock(400)  # past the longest backoff
        outbox.relay(engine, OUTBOX, returns_the_first)
        attempts.append(row_of(engine, poison))
    assert [a for a, _ in attempts] == [2, 3, 4, 5]
    waits = [round(wait) for _, wait in attempts]  # 2 s doubling from the first failure
    assert waits == [4, 8, 16, 32]


def test_the_backoff_doubles_up_to_its_cap(monkeypatch):
    monkeypatch.setenv("KAIZEN_OUTBOX_RETRY_DELAY", "2")
    monkeypatch.setenv("KAIZEN_OUTBOX_RETRY_MAX_DELAY", "300")
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 8, 9, 20)] == [
        2, 4, 8, 256, 300, 300]


def test_a_broker_outage_stops_the_batch_in_order(engine):
    first, *_ = write_events(engine, 3)

    def broker_down(event_type, message):
        raise ConnectionRefusedError("broker down")

    assert outbox.relay(engine, OUTBOX, broker_down) == 0
    assert row_of(engine, first)[0] == 1
    assert attempts_of_others(engine, first) == [0, 0]


def test_the_oldest_unsent_event_has_an_age(engine, moved_clock):
    assert outbox.oldest_unsent_age(engine, OUTBOX) == 0
    write_events(engine, 2)
    moved_clock(90)
    assert 90 <= outbox.oldest_unsent_age(engine, OUTBOX) < 150
    outbox.relay(engine, OUTBOX, lambda t, m: None)
    assert outbox.oldest_unsent_age(engine, OUTBOX) == 0


def test_the_purge_deletes_only_delivered_rows_past_their_retention(engine, moved_clock):
    old_sent = write_events(engine, 2)
    outbox.relay(engine, OUTBOX, lambda t, m: None)
    with Session(engine) as session:
        outbox.claim_inbox(session, INBOX, "old", "h")
        session.commit()
    moved_clock(15 * 86400)
    write_events(engine, 1)  # recent, unsent
    recent_sent = write_events(engine, 1)
    outbox.relay(engine, OUTBOX, lambda t, m: None)
    unsent = write_events(engine, 1)
    with Session(engine) as session:
        outbox.claim_inbox(session, INBOX, "new", "h")
        session.commit()

    assert outbox.purge(engine, OUTBOX, INBOX, timedelta(days=14)) == (len(old_sent), 1)
    with engine.connect() as conn:
        left = set(conn.scalars(select(OUTBOX.c.event_id)))
        inbox = set(conn.scalars(select(INBOX.c.event_id)))
    assert set(recent_sent) | set(unsent) <= left and not set(old_sent) & left
    assert inbox == {"new"}


def row_of(engine, event_id: str) -> tuple[int, float]:
    """(attempts, seconds from now until its next attempt)."""
    with engine.connect() as conn:
        attempts, at = conn.execute(select(OUTBOX.c.attempts, OUTBOX.c.next_attempt_at)
                                    .where(OUTBOX.c.event_id == event_id)).one()
    return attempts, (at - clock.now()).total_seconds() if at else 0.0


def attempts_of_others(engine, event_id: str) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(select(OUTBOX.c.attempts).where(OUTBOX.c.event_id != event_id)
                                 .order_by(OUTBOX.c.seq)))


