"""Every event handler a service defines is Kaizen's (retried, then parked; never nameko's
plain one, which acknowledges a failed event), and the declare step finds each of them with
the broker objects it needs."""
from __future__ import annotations

import pytest
from nameko.cli.run import import_service
from nameko.events import EventHandler as NamekoEventHandler

from shared import queues
from shared.events import EventHandler
from shared.settings import SERVICES
from shared.topology import consumers_in_code


@pytest.mark.parametrize("service", SERVICES)
def test_every_event_handler_is_the_reliable_one(service):
    [service_cls] = import_service(f"services.{service}.service")
    for name in dir(service_cls):
        for entrypoint in getattr(getattr(service_cls, name), "nameko_entrypoints", ()):
            if isinstance(entrypoint, NamekoEventHandler):
                assert type(entrypoint) is EventHandler, f"{service}.{name}: use shared.events"


def test_the_declare_step_finds_each_handler_with_its_retry_and_dead_letter_queue():
    found = {c.queue: c for c in consumers_in_code("notifications")}
    consumer = found["evt-ideas-idea_submitted--notifications.on_idea_submitted"]
    queue, retry, dead = consumer.queues()
    assert (queue.exchange.name, queue.routing_key, queue.durable) == (
        "ideas.events", "idea_submitted", True)
    assert queue.queue_arguments == {"x-dead-letter-exchange": "kaizen.dead",
                                     "x-dead-letter-routing-key": queue.name}
    assert (retry.name, retry.queue_arguments) == (
        f"{queue.name}.retry", {"x-dead-letter-exchange": "", "x-dead-letter-routing-key":
                                queue.name})
    assert (dead.name, dead.exchange.name, dead.routing_key) == (
        f"{queue.name}.dead", "kaizen.dead", queue.name)


def test_production_queues_are_quorum_queues_with_a_delivery_limit(monkeypatch):
    monkeypatch.setenv("KAIZEN_QUEUE_TYPE", "quorum")
    monkeypatch.setenv("KAIZEN_DELIVERY_LIMIT", "7")
    queue, retry, dead = queues.consumer_queues("evt-a-b--c.d", "a", "b", {})
    assert queue.queue_arguments["x-queue-type"] == "quorum"
    assert queue.queue_arguments["x-delivery-limit"] == 7
    assert retry.queue_arguments["x-queue-type"] == dead.queue_arguments["x-queue-type"] == (
        "quorum")


def test_an_unknown_queue_type_is_refused(monkeypatch):
    monkeypatch.setenv("KAIZEN_QUEUE_TYPE", "mirrored")
    with pytest.raises(ValueError, match="KAIZEN_QUEUE_TYPE"):
        queues.consumer_queues("evt-a-b--c.d", "a", "b", {})


def test_consumers_json_is_what_the_handlers_define():
    from shared import topology

    found = [c for s in SERVICES for c in topology.consumers_in_code(s)]
    assert topology.CONSUMERS_FILE.read_text() == topology.render(found), (
        "a handler was added or removed: run `make topology` and commit "
        "shared/contracts/consumers.json")


def test_a_service_queue_drops_requests_older_than_the_gateway_timeout(monkeypatch):
    monkeypatch.setenv("KAIZEN_RPC_TIMEOUT", "10")
    queue = queues.service_queue("ideas", {})
    assert (queue.name, queue.routing_key, queue.exchange.name) == (
        "rpc-ideas", "ideas.*", "nameko-rpc")
    assert queue.queue_arguments == {"x-message-ttl": 10000}
    monkeypatch.setenv("KAIZEN_QUEUE_TYPE", "quorum")
    assert queues.service_queue("ideas", {}).queue_arguments == {
        "x-message-ttl": 10000, "x-queue-type": "quorum", "x-delivery-limit": 20}
