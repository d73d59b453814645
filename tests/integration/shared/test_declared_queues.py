"""Events published before their consumer's queue exists are not lost: a producer declares
the queues of its events' consumers (shared/contracts/consumers.json) before it publishes,
publishes with `mandatory`, and retries an event the broker returned (its queues lost)
after declaring them again. Ideas publishes, notifications consumes, on a real broker."""
from __future__ import annotations

import eventlet
import pytest
from sqlalchemy import select

from admin.cli import main as kaizen_admin
from services.ideas.models import OUTBOX
from services.ideas.service import IdeasService
from services.notifications.models import IdeaRow
from services.notifications.service import NotificationsService
from shared import topology
from tests.integration.ideas.support import call
from tests.support.services import rows

QUEUE = "evt-ideas-idea_submitted--notifications.on_idea_submitted"


def wait_for(condition, timeout: float = 20.0):
    with eventlet.Timeout(timeout):
        while not (found := condition()):
            eventlet.sleep(0.05)
    return found


def known_titles(url: str) -> list[str]:
    return [r.title for r in rows(url, select(IdeaRow.title))]


def unsent(url: str) -> int:
    return len(rows(url, select(OUTBOX.c.seq).where(OUTBOX.c.published_at.is_(None))))


@pytest.fixture
def ideas(start_service, make_db):
    url = make_db("ideas")
    return start_service(IdeasService, db_url=url), url


def test_an_event_published_before_its_consumer_ever_ran_reaches_it(ideas, start_service,
                                                                     make_db):
    producer, _ = ideas
    call(producer, "submit_idea", {"title": "Colour-coded hoses"})  # nobody consumes yet
    url = make_db("notifications")
    start_service(NotificationsService, db_url=url)  # a first deploy of notifications
    assert wait_for(lambda: known_titles(url)) == ["Colour-coded hoses"]


def test_an_event_the_broker_returns_is_retried_after_its_queues_are_declared_again(
        ideas, start_service, make_db, rabbit_manager, rabbit_config):
    producer, ideas_url = ideas
    for queue in rabbit_manager.get_queues(rabbit_config["vhost"]):
        if queue["name"].startswith("evt-ideas-idea_submitted--"):
            rabbit_manager._delete("queues", rabbit_config["vhost"], queue["name"])  # data loss

    call(producer, "submit_idea", {"title": "Spill kits at every bay"})
    wait_for(lambda: unsent(ideas_url) == 0)  # the relay timer's retry found the queues
    url = make_db("notifications")
    start_service(NotificationsService, db_url=url)
    assert wait_for(lambda: known_titles(url)) == ["Spill kits at every bay"]


def test_the_declare_step_declares_every_consumer_queue(rabbit_manager, rabbit_config,
                                                        monkeypatch, capsys):
    monkeypatch.setenv("AMQP_URI", rabbit_config["AMQP_URI"])
    assert kaizen_admin(["events", "declare"]) == 0
    out = capsys.readouterr().out
    expected = sum(1 for c in topology.known() if c.service == "notifications")
    assert f"notifications: {expected} consumer queue(s) declared" in out
    names = {q["name"] for q in rabbit_manager.get_queues(rabbit_config["vhost"])}
    assert {QUEUE, QUEUE + ".retry", QUEUE + ".dead"} <= names
    bindings = rabbit_manager.get_queue_bindings(rabbit_config["vhost"], QUEUE)
    assert {(b["source"], b["routing_key"]) for b in bindings} >= {("ideas.events",
                                                                    "idea_submitted")}


def test_a_queue_of_an_older_release_is_recreated_with_its_messages(rabbit_manager,
                                                                     rabbit_config):
    """Before this release the consumer queues had no dead-letter arguments; declaring them
    with those arguments fails on a broker that kept them, so they are recreated."""
    from kombu import Connection, Queue
    from nameko.standalone.events import get_event_exchange

    from shared import queues

    vhost, uri = rabbit_config["vhost"], rabbit_config["AMQP_URI"]
    exchange = get_event_exchange("ideas", {})
    with Connection(uri) as connection:
        old = Queue(QUEUE, exchange=exchange, routing_key="idea_submitted", durable=True)
        old(connection.default_channel).declare()
        producer = connection.Producer()
        for n in range(3):
            producer.publish({"n": n}, exchange=exchange, routing_key="idea_submitted",
                             serializer="json")

    queues.declare(uri, queues.consumer_queues(QUEUE, "ideas", "idea_submitted", {}))

    with Connection(uri) as connection:
        channel = connection.default_channel
        bodies = []
        while (message := channel.basic_get(queue=QUEUE, no_ack=True)) is not None:
            bodies.append(message.body)
    assert sorted(bodies) == ['{"n": 0}', '{"n": 1}', '{"n": 2}']
    queue = rabbit_manager.get_queue(vhost, QUEUE)
    assert queue["arguments"]["x-dead-letter-exchange"] == "kaizen.dead"
    names = {q["name"] for q in rabbit_manager.get_queues(vhost)}
    assert QUEUE + ".moving" not in names
    bindings = rabbit_manager.get_queue_bindings(vhost, QUEUE)
    assert ("ideas.events", "idea_submitted") in {(b["source"], b["routing_key"])
                                                  for b in bindings}
