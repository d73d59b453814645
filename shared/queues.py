"""The broker objects of an event consumer, named from its queue (nameko's
``evt-<source>-<event_type>--<service>.<method>``), and their declaration.

  <queue>         durable, bound to ``<source>.events`` by the event type; what the broker
                  refuses to deliver (the delivery limit of a quorum queue) dead-letters
                  to ``kaizen.dead``
  <queue>.retry   a failed event waits here for its backoff (a per-message TTL), then
                  dead-letters back to <queue> through the default exchange; bound to the
                  topic exchange ``kaizen.retry`` by its name, which a service publishes to
                  (its broker user may reach its own handlers' retry queues only,
                  shared.broker_users; the default exchange would reach any queue)
  <queue>.dead    the dead-letter queue, bound to ``kaizen.dead`` by the queue's name

Development and tests use classic queues; the production overlay sets
``KAIZEN_QUEUE_TYPE=quorum`` (replicated on every node of the cluster, with a delivery
limit). A queue's type is fixed when it is created, so it is decided here, once, for the
consumer, its retry and its dead-letter queue alike."""
from __future__ import annotations

import logging

from amqp.exceptions import PreconditionFailed
from kombu import Connection, Exchange, Queue
from nameko.rpc import get_rpc_exchange
from nameko.standalone.events import get_event_exchange

from shared.settings import delivery_limit, queue_type, rpc_timeout

log = logging.getLogger(__name__)

DEAD_EXCHANGE = Exchange("kaizen.dead", type="direct", durable=True)
RETRY_EXCHANGE = Exchange("kaizen.retry", type="topic", durable=True)


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
    return Queue(f"{name}.retry", exchange=RETRY_EXCHANGE, routing_key=f"{name}.retry",
                 durable=True, queue_arguments=_typed(arguments))


def dead_queue(name: str) -> Queue:
    return Queue(f"{name}.dead", exchange=DEAD_EXCHANGE, routing_key=name, durable=True,
                 queue_arguments=_typed({}))


def service_queue(service: str, config: dict) -> Queue:
    """nameko's RPC queue of a service, whose requests expire with the gateway's timeout
    (KAIZEN_RPC_TIMEOUT): a request the caller gave up on is dropped, never run later."""
    arguments = {"x-message-ttl": int(rpc_timeout() * 1000)}
    return Queue(f"rpc-{service}", exchange=get_rpc_exchange(config),
                 routing_key=f"{service}.*", durable=True,
                 queue_arguments=_typed(arguments, limit=True))


def consumer_queues(name: str, source: str, event_type: str, config: dict) -> list[Queue]:
    return [consumer_queue(name, source, event_type, config), retry_queue(name),
            dead_queue(name)]


def declare(amqp_uri: str, queues: list[Queue]) -> None:
    """Declares the queues, their exchanges and bindings (idempotent). A queue declared
    before with other arguments (an older release, a classic queue becoming a quorum queue)
    is recreated with these, its messages kept (`recreate`)."""
    with Connection(amqp_uri) as connection:
        for queue in queues:
            channel = connection.channel()
            try:
                queue(channel).declare()
            except PreconditionFailed:  # the broker closed that channel; take a new one
                recreate(connection, queue)
            else:
                channel.close()


def recreate(connection: Connection, queue: Queue) -> None:
    """Replaces `queue` with a declaration of other arguments, keeping every message: they
    move to a holding queue bound like it (new events land there meanwhile), the old queue
    is deleted and declared anew, and they move back. An event arriving while both are
    bound is kept twice; handlers are idempotent, so a duplicate is harmless."""
    log.warning("queue %s was declared with other arguments: recreating it", queue.name)
    channel = connection.channel()
    holding = Queue(f"{queue.name}.moving", exchange=queue.exchange,
                    routing_key=queue.routing_key, durable=True)(channel)
    holding.declare()
    while True:
        _move(channel, queue.name, holding.name)
        try:
            channel.queue_delete(queue.name, if_empty=True)
            break
        except PreconditionFailed:  # a message came in after the last move: move again
            channel = connection.channel()
    queue(channel).declare()
    if queue.exchange is not None and queue.exchange.name:
        channel.queue_unbind(holding.name, queue.exchange.name, queue.routing_key)
    _move(channel, holding.name, queue.name)
    channel.queue_delete(holding.name)
    channel.close()


def _move(channel, source: str, target: str) -> None:
    """Moves every message of `source` to `target`, each confirmed before it is acked."""
    while (message := channel.basic_get(queue=source, no_ack=False)) is not None:
        channel.basic_publish_confirm(message, exchange="", routing_key=target)
        channel.basic_ack(message.delivery_tag)
