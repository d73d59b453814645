"""`@event_handler(source, event_type)`: nameko's event handler, with no event lost when the
handler fails and no poison message hot-looping.

nameko acknowledges an event whose handler raised, so the event was gone. Here a failed
handling is retried after a backoff (shared.settings.EventRetry: 1 s, doubled each time, up
to 60 s; 5 handlings in all): the event is republished to the consumer's ``.retry`` queue
with a per-message TTL, and the broker dead-letters it back to the consumer's queue when the
TTL expires (shared.queues). After the last attempt it is parked in the service's
``failed_events`` table (shared.failed_events) with the error, the payload and the
attempts, for `kaizen-admin events replay`. Only then is the original acknowledged: when
the republish or the parking fails (broker or database down), the message goes back to its
queue instead. Handlers stay idempotent through the inbox, so a retry never applies twice.
"""
from __future__ import annotations

import logging
import traceback

from nameko import events as nameko_events
from nameko.amqp.publish import Publisher

from shared import failed_events, outbox, queues
from shared.db import Database
from shared.metrics import EVENTS_PARKED, EVENTS_RETRIED
from shared.settings import EventRetry

log = logging.getLogger(__name__)

FAILURES_HEADER = "x-kaizen-failures"  # failed handlings of this message so far


class EventHandler(nameko_events.EventHandler):
    def setup(self) -> None:
        super().setup()  # names the queue (SERVICE_POOL: one per service and method)
        config = self.container.config
        self.queue = queues.consumer_queue(self.queue.name, self.source_service,
                                           self.event_type, config)
        self.retry = EventRetry.from_env()
        self.publisher = Publisher(config["AMQP_URI"], serializer=config.get("serializer"))

    def start(self) -> None:
        queues.declare(self.container.config["AMQP_URI"],
                       [queues.retry_queue(self.queue.name), queues.dead_queue(self.queue.name)])
        super().start()

    @property
    def handler(self) -> str:
        return f"{self.container.service_name}.{self.method_name}"

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        if exc_info is not None:  # nameko tears the worker down only after this returns:
            database_of(self.container).discard(worker_ctx)  # end its transaction first
        return super().handle_result(message, worker_ctx, result, exc_info)

    def handle_message_processed(self, message, result=None, exc_info=None) -> None:
        try:
            self._settle(message, exc_info)
        except Exception as exc:  # nameko would end the container, and the process with it
            if not outbox.broker_down(exc):
                raise
            log.warning("%s: the broker went away before the event's ack (%s); it comes "
                        "back and the inbox applies it once", self.handler, exc)

    def _settle(self, message, exc_info) -> None:
        if exc_info is not None:
            try:
                self.retry_or_park(message, exc_info)
            except Exception:  # broker or database down: the broker keeps the event
                log.warning("%s: could not retry or park a failed event; requeued",
                            self.handler, exc_info=True)
                self.queue_consumer.requeue_message(message)
                return
        self.queue_consumer.ack_message(message)

    def retry_or_park(self, message, exc_info) -> None:
        failures = int((message.headers or {}).get(FAILURES_HEADER, 0)) + 1
        if failures < self.retry.attempts:
            self.publish_retry(message, failures, self.retry.delay(failures))
            EVENTS_RETRIED.labels(self.container.service_name, self.method_name).inc()
            log.warning("%s: handling failed (%d of %d), retrying in %.1f s", self.handler,
                        failures, self.retry.attempts, self.retry.delay(failures))
            return
        error = "".join(traceback.format_exception(*exc_info))[-8000:]
        try:
            row_id = self.park(message.payload, error, failures)
        except Exception:  # the database is down: keep retrying at the longest backoff
            self.publish_retry(message, failures - 1, self.retry.max_delay)
            log.warning("%s: could not park a failed event; retrying later", self.handler,
                        exc_info=True)
            return
        EVENTS_PARKED.labels(self.container.service_name, self.method_name).inc()
        log.error("%s: gave up on event %s after %d attempts; parked as %s", self.handler,
                  message.payload.get("event_id"), failures, row_id)

    def publish_retry(self, message, failures: int, delay: float) -> None:
        headers = {**(message.headers or {}), FAILURES_HEADER: failures}
        headers.pop("x-death", None)  # the broker's own record of earlier dead-letterings
        self.publisher.publish(message.payload, exchange=queues.RETRY_EXCHANGE,
                               routing_key=f"{self.queue.name}.retry", headers=headers,
                               expiration=delay)

    def park(self, payload: dict, error: str, attempts: int) -> str:
        db = database_of(self.container)
        return failed_events.park(db.engine, db.failed_events, handler=self.handler,
                                  queue=self.queue.name, message=payload, error=error,
                                  attempts=attempts)


def database_of(container) -> Database:
    return next(d for d in container.dependencies if isinstance(d, Database))


event_handler = EventHandler.decorator
