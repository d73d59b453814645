"""What leaves the reflections service, seen by a listener on the real broker and in the
outbox table: nothing for private reflections, reflection_shared for shared content,
reflection_unshared when a shared one becomes private or is deleted."""
from __future__ import annotations

import json

import eventlet
import pytest
from nameko.events import event_handler
from nameko.testing.services import entrypoint_hook
from sqlalchemy import create_engine, select

from services.reflections.models import OUTBOX
from services.reflections.service import ReflectionsService
from tests.support.identities import ANA
from tests.support.services import as_user

RECEIVED: dict[str, list[dict]] = {"reflection_shared": [], "reflection_unshared": []}


class Listener:
    name = "reflections_listener"

    @event_handler("reflections", "reflection_shared")
    def on_shared(self, message: dict) -> None:
        RECEIVED["reflection_shared"].append(message)

    @event_handler("reflections", "reflection_unshared")
    def on_unshared(self, message: dict) -> None:
        RECEIVED["reflection_unshared"].append(message)


@pytest.fixture
def service(container_factory, rabbit_config, start_service):
    for messages in RECEIVED.values():
        messages.clear()
    listener = container_factory(Listener, rabbit_config)
    listener.start()
    return start_service(ReflectionsService)


def call(container, method, *args):
    context = as_user(ANA, container.service_name)
    with entrypoint_hook(container, method, context_data=context) as hook:
        return hook(*args)


def events(event_type: str) -> list[tuple]:
    return [(m["data"]["reflection_id"], m["data"].get("visibility"), m["data"].get("tags"))
            for m in RECEIVED[event_type]]


def drain(container) -> None:
    """A sentinel shared then deleted: once both its events arrived, so did everything
    published before them (each event type has its own queue, each queue keeps order)."""
    sentinel = call(container, "write_reflection", {"body": "Sentinel",
                                                    "visibility": "ORGANIZATION"})
    call(container, "delete_reflection", sentinel["id"])
    with eventlet.Timeout(15):
        while not all(any(m["data"]["reflection_id"] == sentinel["id"] for m in messages)
                      for messages in RECEIVED.values()):
            eventlet.sleep(0.05)
    for messages in RECEIVED.values():
        messages.pop()


def outbox_payloads(container) -> str:
    engine = create_engine(container.config["DB_URIS"]["reflections"])
    with engine.connect() as conn:
        payloads = [json.loads(p) for (p,) in conn.execute(select(OUTBOX.c.payload))]
    engine.dispose()
    return json.dumps(payloads)


def test_nothing_is_published_for_a_private_reflection(service):
    diary = call(service, "write_reflection", {"body": "Diary-0c4f: a hard week",
                                               "tags": ["me"], "mood": 1})
    call(service, "update_reflection", diary["id"], {"body": "Diary-0c4f: a better week"})
    call(service, "update_reflection", diary["id"], {"tags": ["later"], "mood": 3})
    call(service, "delete_reflection", diary["id"])
    drain(service)
    assert RECEIVED == {"reflection_shared": [], "reflection_unshared": []}
    assert diary["id"] not in outbox_payloads(service)
    assert "Diary-0c4f" not in outbox_payloads(service)


def test_sharing_changing_unsharing_and_deleting_publish_exactly_what_is_shared(service):
    note = call(service, "write_reflection", {"body": "Note-91aa", "tags": ["flow"], "mood": 4})
    call(service, "update_reflection", note["id"], {"visibility": "TEAM"})
    call(service, "update_reflection", note["id"], {"mood": 5})  # not shared: no event
    call(service, "update_reflection", note["id"], {"tags": ["flow", "kanban"]})
    call(service, "update_reflection", note["id"], {"visibility": "ORGANIZATION"})
    call(service, "update_reflection", note["id"], {"visibility": "PRIVATE"})
    call(service, "update_reflection", note["id"], {"body": "Note-91aa, private again"})
    team = call(service, "write_reflection", {"body": "Team-4d02", "visibility": "TEAM"})
    call(service, "delete_reflection", team["id"])
    drain(service)
    assert events("reflection_shared") == [
        (note["id"], "TEAM", ["flow"]), (note["id"], "TEAM", ["flow", "kanban"]),
        (note["id"], "ORGANIZATION", ["flow", "kanban"]), (team["id"], "TEAM", [])]
    assert RECEIVED["reflection_shared"][0]["data"] == {
        "reflection_id": note["id"], "author_id": ANA.user_id, "team": "Assembly",
        "visibility": "TEAM", "text": "Note-91aa", "tags": ["flow"]}
    assert events("reflection_unshared") == [(note["id"], None, None), (team["id"], None, None)]
    assert RECEIVED["reflection_unshared"][0]["data"] == {"reflection_id": note["id"]}
    assert "private again" not in json.dumps(RECEIVED)
    # the withdrawn text does not linger in the outbox either: only the unshared ids remain
    payloads = outbox_payloads(service)
    assert "Note-91aa" not in payloads and "Team-4d02" not in payloads
    assert payloads.count("reflection_unshared") == 3 and "reflection_shared" not in payloads
