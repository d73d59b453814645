"""shared.idempotency against SQLite and PostgreSQL: a call with an idempotency key writes
once per (caller, key), and its key and answer commit with its change. The "change" here is
an outbox row of the ideas database; the call is what an entrypoint does (write, commit,
answer)."""
from __future__ import annotations

import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.ideas.models import IDEMPOTENCY_KEYS, OUTBOX
from shared import clock, idempotency, outbox
from shared.db import Db, make_engine
from shared.errors import ValidationError

SUBMIT = "ideas.submit_idea"


@pytest.fixture
def engine(make_db):
    engine = make_engine(make_db("ideas"))
    yield engine
    engine.dispose()


def worker_db(engine, key: str | None, operation: str = SUBMIT) -> Db:
    """What a worker's `self.db` is for a call whose context carries `key` for `operation`."""
    session = Session(engine, expire_on_commit=False)
    if key is not None:
        session.info[idempotency.REQUEST] = (key, operation)
    return Db(SimpleNamespace(idempotency_keys=IDEMPOTENCY_KEYS), session)


def submit(engine, key: str | None, caller: str = "p-ana", title: str = "Label drawers",
           operation: str = SUBMIT, before_write=lambda: None, replay: bool = True) -> dict:
    db = worker_db(engine, key, operation)

    def entrypoint() -> dict:
        before_write()
        message = outbox.envelope("idea_submitted", {"title": title}, "ideas")
        outbox.add_event(db.session, OUTBOX, message)
        db.commit()
        return {"id": message["event_id"], "title": title}

    try:
        return db.once(caller, {"fields": {"title": title}}, entrypoint, replay)
    finally:
        db.session.close()


def changes(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(OUTBOX))


def keys(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(IDEMPOTENCY_KEYS))


def test_a_retry_answers_the_first_result_and_writes_nothing_twice(engine):
    first = submit(engine, "k1")
    assert submit(engine, "k1") == first
    assert changes(engine) == 1 and keys(engine) == 1


def test_without_a_key_every_call_writes(engine):
    assert submit(engine, None) != submit(engine, None)
    assert changes(engine) == 2 and keys(engine) == 0


def test_keys_are_per_caller(engine):
    ana, ben = submit(engine, "k1", caller="p-ana"), submit(engine, "k1", caller="p-ben")
    assert ana["id"] != ben["id"]
    assert submit(engine, "k1", caller="p-ben") == ben
    assert changes(engine) == 2


@pytest.mark.parametrize("other", [{"title": "Another idea"}, {"operation": "ideas.vote_idea"}])
def test_the_same_key_for_another_change_is_refused_naming_the_field(engine, other):
    submit(engine, "k1")
    with pytest.raises(ValidationError) as refused:
        submit(engine, "k1", **other)
    assert [e["field"] for e in refused.value.errors] == ["clientMutationId"]
    assert changes(engine) == 1


def test_a_call_that_fails_stores_nothing_and_its_retry_writes_once(engine):
    def fail():
        raise ValidationError("title: too short", "title")

    with pytest.raises(ValidationError):
        submit(engine, "k1", before_write=fail)
    assert changes(engine) == 0 and keys(engine) == 0
    first = submit(engine, "k1")
    assert submit(engine, "k1") == first and changes(engine) == 1


def test_two_calls_at_once_with_one_key_write_once(engine):
    both_looked = threading.Barrier(2, timeout=30)  # neither found the key before writing
    answers: list[dict] = []

    def call():
        answers.append(submit(engine, "k1", before_write=both_looked.wait))

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == 2 and answers[0] == answers[1]
    assert changes(engine) == 1 and keys(engine) == 1


def test_a_key_past_its_retention_writes_again_and_is_purged(engine, tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    monkeypatch.setenv("KAIZEN_IDEMPOTENCY_HOURS", "24")
    first = submit(engine, "k1")
    clock.advance(path, timedelta(hours=23))
    assert submit(engine, "k1") == first
    clock.advance(path, timedelta(hours=2))
    again = submit(engine, "k1")  # the expired key is replaced, not a conflict
    assert again != first and changes(engine) == 2 and keys(engine) == 1
    submit(engine, "k2")
    clock.advance(path, timedelta(hours=25))
    assert idempotency.purge(engine, IDEMPOTENCY_KEYS) == 2
    assert keys(engine) == 0


def test_an_answer_holding_a_secret_is_never_stored_and_its_retry_is_refused(engine):
    made = submit(engine, "k1", title="sk_live_secret", replay=False)
    with engine.connect() as conn:
        stored = conn.scalar(select(IDEMPOTENCY_KEYS.c.result))
    assert made["title"] == "sk_live_secret" and "sk_live_secret" not in stored
    with pytest.raises(ValidationError) as refused:
        submit(engine, "k1", title="sk_live_secret", replay=False)
    assert [e["field"] for e in refused.value.errors] == ["clientMutationId"]
    assert "shown only once" in refused.value.message
    assert changes(engine) == 1
