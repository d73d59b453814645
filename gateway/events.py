"""Events from the services, pushed to GraphQL subscriptions.

One pika consumer thread per gateway process binds a queue of its own (server-named,
exclusive, deleted when the process goes) to the services' event exchanges and hands each
event to the asyncio loop, where the Hub gives it to the subscriptions of its topic:
("notification", person id), ("idea", idea id) or ("experiment", experiment id)."""
from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import defaultdict
from collections.abc import AsyncIterator

import pika

from shared.settings import amqp_heartbeat

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 2
CONNECTION_NAME = "kaizen-gateway-events"  # as the management UI lists it
QUEUE_SIZE = 100  # per subscription: a slow client loses the oldest, never blocks the others

BINDINGS = {  # exchange -> event types, and the topic each one feeds
    "notifications.events": {"notification_created": ("notification", "recipient_id")},
    "ideas.events": {t: ("idea", "idea_id") for t in (
        "idea_voted", "idea_commented", "idea_status_changed", "idea_updated", "idea_merged")},
    "experiments.events": {t: ("experiment", "experiment_id") for t in (
        "measurement_recorded", "run_chart_signalled", "experiment_started",
        "experiment_concluded")},
}

Topic = tuple[str, str]


def topic_of(exchange: str, message: dict) -> Topic | None:
    rule = BINDINGS.get(exchange, {}).get(message.get("event_type", ""))
    if rule is None:
        return None
    key = (message.get("data") or {}).get(rule[1])
    return (rule[0], str(key)) if key else None


class Hub:
    """Subscriptions by topic, on the event loop's thread."""

    def __init__(self) -> None:
        self.queues: dict[Topic, set[asyncio.Queue]] = defaultdict(set)

    def publish(self, topic: Topic, message: dict) -> None:
        for queue in list(self.queues.get(topic, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message)

    async def listen(self, topic: Topic) -> AsyncIterator[dict]:
        queue: asyncio.Queue = asyncio.Queue(QUEUE_SIZE)
        self.queues[topic].add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self.queues[topic].discard(queue)
            if not self.queues[topic]:
                self.queues.pop(topic, None)

    def open_subscriptions(self) -> int:
        return sum(len(q) for q in self.queues.values())


class EventConsumer(threading.Thread):
    """The pika thread: reconnects until stopped; delivers on the loop, thread-safely."""

    def __init__(self, amqp_uri: str, hub: Hub, loop: asyncio.AbstractEventLoop):
        super().__init__(name="gateway-events", daemon=True)
        self.amqp_uri, self.hub, self.loop = amqp_uri, hub, loop
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self.connection: pika.BlockingConnection | None = None

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._consume()
            except Exception:  # broker gone: retry; the subscriptions stay open meanwhile
                if not self.stopping.is_set():
                    log.warning("event consumer lost the broker; reconnecting", exc_info=True)
                    self.stopping.wait(RECONNECT_SECONDS)

    def parameters(self) -> pika.URLParameters:
        """With a heartbeat (serviced by process_data_events below), so a broker that
        vanished without closing the socket is noticed and the thread reconnects."""
        parameters = pika.URLParameters(self.amqp_uri)
        parameters.heartbeat = amqp_heartbeat()
        parameters.client_properties = {"connection_name": CONNECTION_NAME}
        return parameters

    def _consume(self) -> None:
        self.connection = pika.BlockingConnection(self.parameters())
        channel = self.connection.channel()
        queue = channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
        for exchange, types in BINDINGS.items():
            channel.exchange_declare(exchange, exchange_type="topic", durable=True)
            for event_type in types:
                channel.queue_bind(queue, exchange, routing_key=event_type)
        channel.basic_consume(queue, self._on_message, auto_ack=True)
        self.ready.set()
        while not self.stopping.is_set():
            self.connection.process_data_events(time_limit=0.5)
        self.connection.close()

    def _on_message(self, _channel, method, _properties, body: bytes) -> None:
        try:
            message = json.loads(body)
        except ValueError:
            return
        topic = topic_of(method.exchange, message)
        if topic is not None:
            self.loop.call_soon_threadsafe(self.hub.publish, topic, message)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)
