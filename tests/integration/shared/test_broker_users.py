"""Least privilege on the broker: each service connects as its own RabbitMQ user
(shared.broker_users), which runs the service as before but refuses what belongs to
another: publishing another service's events, consuming another's queues, calling a
service it has no business with, and reaching any queue through the default exchange."""
from __future__ import annotations

import eventlet
import pytest
from amqp.exceptions import AccessRefused
from kombu import Connection, Exchange

from services.ideas.service import IdeasService
from shared import queues
from shared.broker_setup import Management, apply, uri_for
from shared.outbox import envelope
from tests.support.identities import ANA
from tests.support.services import call

NOTIFIED = "evt-ideas-idea_submitted--notifications.on_idea_submitted"


@pytest.fixture
def users(request, rabbit_config):
    """Every broker user, with its permissions on this test's vhost; the queues in question."""
    apply(rabbit_config["vhost"], Management(request.config.getoption("RABBIT_API_URI")))
    queues.declare(rabbit_config["AMQP_URI"], [
        *queues.consumer_queues(NOTIFIED, "ideas", "idea_submitted", rabbit_config),
        queues.service_queue("reflections", rabbit_config)])
    return lambda name: uri_for(name, rabbit_config["AMQP_URI"])


def publish(uri: str, exchange: str, routing_key: str, kind: str = "topic") -> None:
    with Connection(uri, transport_options={"confirm_publish": True}) as connection:
        producer = connection.Producer()
        producer.publish(envelope("idea_submitted", {"idea_id": "x"}, "ideas"),
                         exchange=Exchange(exchange, type=kind, durable=True) if exchange
                         else "", routing_key=routing_key, declare=[])


def consume(uri: str, queue: str) -> None:
    with Connection(uri) as connection:
        connection.default_channel.basic_get(queue)


def test_a_service_runs_with_its_own_user(start_service, users, make_db):
    url = make_db("ideas")
    container = start_service(IdeasService, db_url=url)
    container.stop()
    container.config["AMQP_URI"] = users("ideas")
    container.start()  # declares its queues, those of its consumers, relays its events
    idea = call(container, "submit_idea", {"title": "Kanban cards at the press"}, identity=ANA)
    with Connection(users("notifications")) as connection:  # notifications gets the event
        for _ in range(100):
            message = connection.default_channel.basic_get(NOTIFIED, no_ack=True)
            if message:
                break
            eventlet.sleep(0.1)
    assert message and idea["id"] in str(message.body)


def test_a_service_cannot_publish_another_services_event(users):
    publish(users("ideas"), "ideas.events", "idea_submitted")  # its own: fine
    for name in ("insights", "notifications", "reflections"):
        with pytest.raises(AccessRefused):
            publish(users(name), "ideas.events", "idea_submitted")


def test_a_service_cannot_consume_another_services_queue(users):
    consume(users("notifications"), NOTIFIED)  # its own: fine
    for name, queue in (("insights", NOTIFIED), ("insights", "rpc-reflections"),
                        ("gateway", NOTIFIED), ("ideas", NOTIFIED)):
        with pytest.raises(AccessRefused):
            consume(users(name), queue)


def test_no_back_door_through_retries_the_default_exchange_or_rpc(users):
    publish(users("notifications"), "kaizen.retry", f"{NOTIFIED}.retry")  # its own handler
    with pytest.raises(AccessRefused):  # into notifications' handler, as a retry
        publish(users("insights"), "kaizen.retry", f"{NOTIFIED}.retry")
    with pytest.raises(AccessRefused):  # straight into a queue by its name
        publish(users("insights"), "", NOTIFIED, kind="direct")
    with pytest.raises(AccessRefused):  # insights calls career, never reflections
        publish(users("insights"), "nameko-rpc", "reflections.get_reflections")
    publish(users("insights"), "nameko-rpc", "career.get_profiles")
    publish(users("gateway"), "nameko-rpc", "reflections.get_reflections")
    with pytest.raises(AccessRefused):  # the gateway publishes no event
        publish(users("gateway"), "ideas.events", "idea_submitted")
