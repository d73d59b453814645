"""Events leave through the outbox and arrive exactly once in effect, even when the
publish right after commit is killed, and when the broker delivers an event twice."""
from __future__ import annotations

import eventlet
import pytest
from nameko.events import event_handler
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook

from services.ideas.models import INBOX, OUTBOX
from services.ideas.service import IdeasService
from shared.db import Database
from tests.support.identities import ANA
from tests.support.services import as_user

EFFECTS: list[str] = []


class Listener:
    """A consumer with an inbox: records one effect per event id."""

    name = "listener"
    db = Database("listener", OUTBOX, INBOX)

    @event_handler("ideas", "idea_submitted")
    def on_idea_submitted(self, message: dict) -> None:
        if not self.db.claim(message, "listener.on_idea_submitted"):
            return
        EFFECTS.append(message["event_id"])
        self.db.commit()


def wait_for(condition, timeout: float = 10.0) -> None:
    with eventlet.Timeout(timeout):
        while not condition():
            eventlet.sleep(0.05)


@pytest.fixture(autouse=True)
def clear_effects():
    EFFECTS.clear()


@pytest.fixture
def pair(start_service, make_db):
    listener = start_service(Listener, db_url=make_db("ideas"))
    ideas = start_service(IdeasService)
    return ideas, listener


def submit(container, title: str) -> dict:
    context = as_user(ANA, container.service_name)
    with entrypoint_hook(container, "submit_idea", context_data=context) as hook:
        return hook({"title": title})


def test_event_arrives_once_after_commit(pair):
    ideas, _ = pair
    submit(ideas, "Label the spare parts shelf")
    wait_for(lambda: len(EFFECTS) == 1)
    eventlet.sleep(0.5)
    assert len(EFFECTS) == 1


def test_killed_publish_is_recovered_by_the_timer_relay(pair, monkeypatch):
    ideas, _ = pair
    real_publish = Database.publish
    calls = {"n": 0}

    def publish_dies_once(self, event_type, payload):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("broker went away between commit and publish")
        return real_publish(self, event_type, payload)

    monkeypatch.setattr(Database, "publish", publish_dies_once)
    submit(ideas, "Colour-code the cleaning tools")
    assert EFFECTS == []  # the publish after commit died; nothing went out yet
    wait_for(lambda: len(EFFECTS) == 1, timeout=15)  # the 2 s relay timer delivers it
    eventlet.sleep(2.5)  # one more timer tick must not publish it again
    assert len(EFFECTS) == 1


def test_a_duplicate_delivery_has_no_second_effect(pair, rabbit_config):
    ideas, _ = pair
    submit(ideas, "Kanban cards for consumables")
    wait_for(lambda: len(EFFECTS) == 1)
    # the broker may redeliver: publish the very same envelope again
    from sqlalchemy import create_engine, select

    engine = create_engine(ideas.config["DB_URIS"]["ideas"])
    with engine.connect() as conn:
        payload = conn.scalar(select(OUTBOX.c.payload))
    engine.dispose()
    import json

    dispatch = event_dispatcher(rabbit_config)
    dispatch("ideas", "idea_submitted", json.loads(payload))
    eventlet.sleep(1.0)
    assert len(EFFECTS) == 1
