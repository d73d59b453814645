"""The broker objects of an event consumer, named from its queue (nameko's
``evt-<source>-<event_type>--<service>.<method>``), and their declaration.

  <queue>         durable, bound to ``<source>.events`` by the event type; what the broker
                  refuses to deliver (the delivery limit of a quorum queue) dead-letters
                  to ``kaizen.dead``
  <queue>.retry   a failed event waits here for its backoff (a per-message TTL), then
                  dead-letters back to <queue> through the default exchange
  <queue>.dead    the dead-letter queue, bound to ``kaizen.dead`` by the queue's name

Development and tests use classic queues; the production overlay sets
``KAIZEN_QUEUE_TYPE=quorum`` (replicated on every node of the cluster, with a delivery
limit). A queue's type is fixed when it is created, so it is decided here, once, for the
consumer, its retry and its dead-letter queue alike."""
from __future__ import annotations

from kombu import Connection, Exchange, Queue
from nameko.standalone.events import get_event_exchange

from shared.settings import delivery_limit, queue_type

DEAD_EXCHANGE = Exchange("kaizen.dead", type="direct", durable=True)


def _typed(arguments: dict, limit: bool = False) -> dict:
    if queue_type() != "quorum":
        return arguments
    extra = {"x-queue-type": "quorum"}
    if limit:
        extra["x-delivery-limit"] = delivery_limit()
    return {**arguments, **extra}


def consumer_queue(name: str, source: str, event_type: str, config: dict) -> Queue:
    arguments = {"x-dead-letter-exchange": DEAD_EXCHANGE.name,
                 "x-dead-letter-routing-key": name}
    return Queue(name, exchange=get_event_exchange(source, config), routing_key=event_type,
                 durable=True, queue_arguments=_typed(arguments, limit=True))


def retry_queue(name: str) -> Queue:
    arguments = {"x-dead-letter-exchange": "", "x-dead-letter-routing-key": name}
    return Queue(f"{name}.retry", routing_key=f"{name}.retry", durable=True,
                 queue_arguments=_typed(arguments))


def dead_queue(name: str) -> Queue:
    return Queue(f"{name}.dead", exchange=DEAD_EXCHANGE, routing_key=name, durable=True,
                 queue_arguments=_typed({}))


def consumer_queues(name: str, source: str, event_type: str, config: dict) -> list[Queue]:
    return [consumer_queue(name, source, event_type, config), retry_queue(name),
            dead_queue(name)]


def declare(amqp_uri: str, queues: list[Queue]) -> None:
    """Declares the queues, their exchanges and bindings (idempotent)."""
    with Connection(amqp_uri) as connection:
        channel = connection.default_channel
        for queue in queues:
            queue(channel).declare()
