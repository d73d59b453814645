"""SQLAlchemy 2 dependency for nameko services, with the service's outbox and inbox.

The engine is built once in ``setup()``; each worker gets a session that is rolled back
unless the entrypoint committed, and closed in ``worker_teardown``. Events written with
``emit`` commit with the change and are relayed right after the worker finishes.
"""
from __future__ import annotations

import logging
import weakref
from datetime import timedelta
from time import monotonic

from nameko import serialization
from nameko.amqp.publish import Publisher, UndeliverableMessage
from nameko.constants import AMQP_SSL_CONFIG_KEY, AMQP_URI_CONFIG_KEY, LOGIN_METHOD_CONFIG_KEY
from nameko.extensions import DependencyProvider
from nameko.standalone.events import get_event_exchange
from sqlalchemy import Table, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import shared.pg_wait  # noqa: F401  (psycopg's wait function, before SQLAlchemy loads psycopg)
from shared import idempotency, outbox, probes, queues, topology
from shared.contracts import Contract
from shared.metrics import OUTBOX_OLDEST_UNSENT, OUTBOX_PUBLISH_FAILURES
from shared.settings import db_url, outbox_retention_days

log = logging.getLogger(__name__)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Unrouted(Exception):
    """The broker returned an event that has consumers: no queue of theirs was bound."""


class Db:
    """What a worker sees as ``self.db``: its session plus the outbox and inbox."""

    def __init__(self, provider: Database, session: Session):
        self._provider = provider
        self.session = session

    def emit(self, event: Contract) -> dict:
        """Writes `event` to the outbox in this worker's transaction."""
        message = outbox.envelope(event.event_type, event.dump(), self._provider.service)
        outbox.add_event(self.session, self._provider.outbox, message)
        self.session.info["emitted"] = True
        return message

    def claim(self, message: dict, handler: str) -> bool:
        """True the first time `handler` sees this event id (in this transaction)."""
        return outbox.claim_inbox(self.session, self._provider.inbox, message["event_id"], handler)

    def commit(self) -> None:
        """Commits; within an idempotent call (shared.idempotency) only flushes: the change
        commits once the call's answer is stored with it."""
        if idempotency.DEFERRED in self.session.info:
            self.session.flush()
            self.session.info[idempotency.DEFERRED] = True
            return
        self.session.commit()

    def after_commit(self, action) -> None:
        """Runs `action()` once the change is committed: now, or, within an idempotent call
        whose commit is held back, right after that commit (never inside its transaction)."""
        if idempotency.DEFERRED in self.session.info:
            event.listen(self.session, "after_commit", lambda _session: action(), once=True)
        else:
            action()

    def once(self, caller_id: str | None, arguments: dict, call, replay: bool = True):
        """`call()`, or the answer it gave the first time this call's idempotency key came
        (shared.idempotency.once)."""
        if idempotency.REQUEST not in self.session.info:
            return call()
        return idempotency.once(self.session, self._provider.idempotency_keys, caller_id,
                                arguments, call, replay)

    def relay(self) -> int:
        return self._provider.relay()


class Database(DependencyProvider):
    def __init__(self, service: str, outbox_table: Table, inbox_table: Table):
        self.service = service
        self.outbox = outbox_table
        self.inbox = inbox_table
        # parked events (shared.failed_events), in the same metadata as the outbox
        self.failed_events = outbox_table.metadata.tables.get("failed_events")
        self.idempotency_keys = outbox_table.metadata.tables.get(idempotency.TABLE)
        self.sessions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def setup(self) -> None:
        config = self.container.config
        url = config.get("DB_URIS", {}).get(self.service) or db_url(self.service)
        self.engine = make_engine(url)
        self._config = config
        # declared on first publish, so events are routable before any consumer exists
        self._exchange = get_event_exchange(self.service, config)
        self._publisher = Publisher(
            config[AMQP_URI_CONFIG_KEY], serializer=serialization.setup(config)[0],
            ssl=config.get(AMQP_SSL_CONFIG_KEY), login_method=config.get(LOGIN_METHOD_CONFIG_KEY),
            declare=[self._exchange])
        self._broker_failures, self._paused_until = 0, 0.0
        self.consumers = topology.consumers_of_events(self.service)
        self._consumed = {c.event_type for c in self.consumers}

    def start(self) -> None:
        self.declare_consumers()
        probes.register(f"{self.service}.database", self.reachable)

    def reachable(self) -> bool:
        """The pod's readiness (/readyz): the database answers a query."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True

    def declare_consumers(self) -> None:
        """The queues of every consumer of this service's events (shared/contracts/
        consumers.json), so that nothing published is lost to a queue not yet declared."""
        queues.declare(self._config[AMQP_URI_CONFIG_KEY],
                       [q for c in self.consumers for q in c.queues(self._config)])

    def stop(self) -> None:
        probes.unregister(f"{self.service}.database")
        self.engine.dispose()

    def kill(self) -> None:
        """Killed (nameko's test teardown kills): its check must not outlive the container."""
        probes.unregister(f"{self.service}.database")

    def publish(self, event_type: str, payload: dict) -> None:
        """Publishes an event; one that has consumers must reach a queue (`mandatory`):
        returned by the broker, it is declared again and the relay retries it."""
        try:
            self._publisher.publish(payload, exchange=self._exchange, routing_key=event_type,
                                    mandatory=event_type in self._consumed)
        except UndeliverableMessage:
            self.declare_consumers()
            raise Unrouted(f"{self.service}.{event_type} reached no queue; its consumer "
                           "queues are declared again and the relay retries it") from None

    def relay(self) -> int:
        """Publishes what is due. While the broker is down, relays pause for a backoff
        (doubling up to the cap) instead of trying every 2 s; a success resumes them."""
        try:
            if monotonic() < self._paused_until:
                return 0
            return outbox.relay(self.engine, self.outbox, self._publish_counting)
        finally:
            OUTBOX_OLDEST_UNSENT.labels(self.service).set(
                outbox.oldest_unsent_age(self.engine, self.outbox))

    def _publish_counting(self, event_type: str, payload: dict) -> None:
        try:
            self.publish(event_type, payload)
        except Exception as exc:
            OUTBOX_PUBLISH_FAILURES.labels(self.service).inc()
            if outbox.broker_down(exc):
                self._broker_failures += 1
                delay = outbox.backoff(self._broker_failures).total_seconds()
                self._paused_until = monotonic() + delay
            raise
        self._broker_failures, self._paused_until = 0, 0.0

    def purge(self) -> tuple[int, int]:
        """Deletes published outbox and processed inbox rows past their retention, and
        idempotency keys past theirs."""
        if self.idempotency_keys is not None:
            idempotency.purge(self.engine, self.idempotency_keys)
        return outbox.purge(self.engine, self.outbox, self.inbox,
                            timedelta(days=outbox_retention_days()))

    def get_dependency(self, worker_ctx) -> Db:
        session = Session(self.engine, expire_on_commit=False)
        operation = f"{self.service}.{worker_ctx.entrypoint.method_name}"
        key = idempotency.requested(worker_ctx.data, operation)
        if key is not None:
            session.info[idempotency.REQUEST] = (key, operation)
        self.sessions[worker_ctx] = session
        return Db(self, session)

    def discard(self, worker_ctx) -> None:
        """Rolls back what the worker did not commit, before its teardown."""
        session = self.sessions.get(worker_ctx)
        if session is not None:
            session.rollback()

    def worker_teardown(self, worker_ctx) -> None:
        session = self.sessions.pop(worker_ctx, None)
        if session is None:
            return
        emitted = session.info.get("emitted", False)
        session.rollback()  # anything not committed by the entrypoint is discarded
        session.close()
        if emitted:
            self._relay_after_commit()

    def _relay_after_commit(self) -> None:
        try:
            self.relay()
        except Exception:  # the timer relays what is left; never fail the call for it
            log.warning("%s: relay after commit failed", self.service, exc_info=True)
