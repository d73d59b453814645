"""The outbox relay and the inbox, against SQLite and PostgreSQL (no broker: the publish
step is a function we control, so we can kill it)."""
from __future__ import annotations

import json
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.ideas.models import INBOX, OUTBOX
from shared import outbox
from shared.db import make_engine


def write_events(engine, n: int) -> list[str]:
    ids = []
    with Session(engine) as session, session.begin():
        for i in range(n):
            message = outbox.envelope("idea_submitted", {"n": i}, "ideas")
            outbox.add_event(session, OUTBOX, message)
            ids.append(message["event_id"])
    return ids


def pending(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(OUTBOX)
                           .where(OUTBOX.c.published_at.is_(None)))


def test_a_killed_publish_leaves_the_event_for_the_next_relay(make_db):
    engine = make_engine(make_db("ideas"))
    ids = write_events(engine, 3)
    sent: list[str] = []

    def dies_on_second(event_type, message):
        if len(sent) == 1:
            raise ConnectionError("broker gone")
        sent.append(message["event_id"])

    assert outbox.relay(engine, OUTBOX, dies_on_second) == 1
    assert pending(engine) == 2
    assert outbox.relay(engine, OUTBOX, lambda t, m: sent.append(m["event_id"])) == 2
    assert sent == ids  # in order, each exactly once
    assert outbox.relay(engine, OUTBOX, lambda t, m: sent.append(m["event_id"])) == 0
    engine.dispose()


def test_a_rolled_back_change_publishes_nothing(make_db):
    engine = make_engine(make_db("ideas"))
    with Session(engine) as session:
        outbox.add_event(session, OUTBOX, outbox.envelope("idea_submitted", {}, "ideas"))
        session.rollback()
    assert pending(engine) == 0
    engine.dispose()


def test_concurrent_relays_publish_each_event_once(make_db):
    engine = make_engine(make_db("ideas"))
    ids = write_events(engine, 60)
    sent: list[str] = []
    lock = threading.Lock()

    def publish(event_type, message):
        with lock:
            sent.append(message["event_id"])

    def drain():
        while outbox.relay(engine, OUTBOX, publish, batch=7):
            pass

    threads = [threading.Thread(target=drain) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == sorted(ids)
    engine.dispose()


def test_the_inbox_admits_an_event_once_per_handler(make_db):
    engine = make_engine(make_db("ideas"))
    with Session(engine) as session:
        assert outbox.claim_inbox(session, INBOX, "e1", "career.on_idea")
        session.commit()
        assert not outbox.claim_inbox(session, INBOX, "e1", "career.on_idea")
        assert outbox.claim_inbox(session, INBOX, "e1", "insights.on_idea")
        session.commit()
    engine.dispose()


def test_a_claim_rolled_back_with_its_failed_handler_is_not_kept(make_db):
    """The handler failed after its claim: the retry must find the event unclaimed (on
    SQLite a savepoint's RELEASE used to commit the claim on its own)."""
    engine = make_engine(make_db("ideas"))
    with Session(engine) as session:
        session.execute(select(INBOX.c.event_id)).all()  # the handler read something first
        assert outbox.claim_inbox(session, INBOX, "e1", "career.on_idea")
        session.rollback()  # the handler raised
    with Session(engine) as session:
        assert outbox.claim_inbox(session, INBOX, "e1", "career.on_idea")
        session.commit()
    engine.dispose()


def test_forget_deletes_only_the_events_of_that_type_and_key(make_db):
    engine = make_engine(make_db("ideas"))
    with Session(engine) as session, session.begin():
        for event_type, idea_id in [("idea_shared", "a1"), ("idea_shared", "a10"),
                                    ("idea_voted", "a1"), ("idea_shared", 'a"1%')]:
            message = outbox.envelope(event_type, {"idea_id": idea_id, "text": "x"}, "ideas")
            outbox.add_event(session, OUTBOX, message)
    with Session(engine) as session, session.begin():
        outbox.forget(session, OUTBOX, "idea_shared", "idea_id", "a1")
        outbox.forget(session, OUTBOX, "idea_shared", "idea_id", 'a"1%')
    with engine.connect() as conn:
        left = conn.execute(select(OUTBOX.c.event_type, OUTBOX.c.payload)
                            .order_by(OUTBOX.c.seq)).all()
    assert [(t, json.loads(p)["data"]["idea_id"]) for t, p in left] == [
        ("idea_shared", "a10"), ("idea_voted", "a1")]
