"""Prometheus metrics of the nameko services, served on a metrics port per process.

`metrics = ServiceMetrics()` on a service class times every entrypoint (RPC, event handler,
timer), counts outcomes, tags the worker's log lines with its call id and serves /metrics on
KAIZEN_METRICS_PORT: 9100 in the images (compose, Kubernetes); when unset, 9101 + the
service's index in shared.settings.SERVICES (career 9101 … insights 9105), or a free port if
that one is taken; 0 disables. The bound port is written to $KAIZEN_VAR_DIR/run/<service>
.metrics-port when KAIZEN_VAR_DIR is set (scripts/stack.sh sets it). The same port answers
the pod's probes, /livez and /readyz (shared.probes): this dependency registers the broker
check, the database provider its own."""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from weakref import WeakKeyDictionary

from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.extensions import DependencyProvider
from prometheus_client import Counter, Gauge, Histogram

from shared import logs, probes
from shared.errors import DomainError
from shared.settings import SERVICES

log = logging.getLogger(__name__)

ENTRYPOINT_SECONDS = Histogram(
    "kaizen_service_entrypoint_seconds", "Time spent in a service entrypoint",
    ["service", "method", "entrypoint"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ENTRYPOINT_CALLS = Counter(
    "kaizen_service_entrypoint_calls_total",
    "Entrypoint calls by outcome: ok, rejected (a domain error for the caller), failed",
    ["service", "method", "entrypoint", "outcome"],
)
ENCODE_BATCH = Histogram(
    "kaizen_insights_encode_batch_size", "Sentences per encoder batch",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
)
EVENTS_RETRIED = Counter(
    "kaizen_events_retried_total", "Failed event handlings scheduled for another attempt",
    ["service", "handler"],
)
EVENTS_PARKED = Counter(
    "kaizen_events_parked_total",
    "Events a handler gave up on after its last attempt, parked in failed_events",
    ["service", "handler"],
)
OUTBOX_OLDEST_UNSENT = Gauge(
    "kaizen_outbox_oldest_unsent_seconds",
    "Age of the oldest event in the outbox not yet published (0 when none)", ["service"],
)
OUTBOX_PUBLISH_FAILURES = Counter(
    "kaizen_outbox_publish_failures_total", "Failed publishes of outbox events", ["service"],
)
KINDS = {"Rpc": "rpc", "EventHandler": "event", "Timer": "timer", "HttpRequestHandler": "http"}


def observe_encode_batch(size: int) -> None:
    ENCODE_BATCH.observe(size)


def entrypoint_kind(entrypoint) -> str:
    name = type(entrypoint).__name__
    return KINDS.get(name, name.lower())


def outcome(exc_info) -> str:
    if not exc_info:
        return "ok"
    return "rejected" if isinstance(exc_info[1], DomainError) else "failed"


def configured_port(service: str, env=os.environ) -> tuple[int, bool]:
    """(port, explicitly configured)."""
    if env.get("KAIZEN_METRICS_PORT", "").strip():
        return int(env["KAIZEN_METRICS_PORT"]), True
    return (9101 + SERVICES.index(service) if service in SERVICES else 0), False


class MetricsServer:
    """One HTTP server per process, however many service containers it runs."""

    def __init__(self):
        self._lock = threading.Lock()
        self._started = False
        self.port: int | None = None

    def ensure(self, service: str) -> int | None:
        with self._lock:
            if not self._started:
                self._started = True
                self.port = self._start(service)
            record_port(service, self.port)
            return self.port

    def _start(self, service: str) -> int | None:
        port, explicit = configured_port(service)
        if explicit and port == 0:
            return None
        address = os.environ.get("KAIZEN_METRICS_ADDR", "0.0.0.0")
        try:
            return probes.serve(port, address)
        except OSError as exc:
            if explicit:
                log.error("metrics port %s unavailable (%s): no metrics served", port, exc)
                return None
            log.warning("metrics port %s taken (%s): serving on a free port", port, exc)
            return probes.serve(0, address)


SERVER = MetricsServer()


def record_port(service: str, port: int | None) -> None:
    if port is None or not os.environ.get("KAIZEN_VAR_DIR"):
        return
    run = Path(os.environ["KAIZEN_VAR_DIR"]) / "run"
    try:
        if run.is_dir():
            (run / f"{service}.metrics-port").write_text(str(port))
    except OSError:
        log.warning("could not record the metrics port in %s", run)


class ServiceMetrics(DependencyProvider):
    """Times and counts every entrypoint of the service and binds its call id for logs."""

    def __init__(self):
        self.started: WeakKeyDictionary = WeakKeyDictionary()

    def setup(self) -> None:
        SERVER.ensure(self.container.service_name)

    def start(self) -> None:
        amqp_uri = self.container.config[AMQP_URI_CONFIG_KEY]
        probes.register(f"{self.container.service_name}.broker",
                        lambda: probes.broker_reachable(amqp_uri))

    def stop(self) -> None:
        probes.unregister(f"{self.container.service_name}.broker")

    def kill(self) -> None:
        """Killed, not stopped (nameko's test teardown): the check goes with the container."""
        self.stop()

    def worker_setup(self, worker_ctx) -> None:
        self.started[worker_ctx] = time.perf_counter()
        logs.bind_worker(worker_ctx)

    def worker_result(self, worker_ctx, result=None, exc_info=None) -> None:
        started = self.started.pop(worker_ctx, None)
        labels = (worker_ctx.service_name, worker_ctx.entrypoint.method_name,
                  entrypoint_kind(worker_ctx.entrypoint))
        if started is not None:
            ENTRYPOINT_SECONDS.labels(*labels).observe(time.perf_counter() - started)
        ENTRYPOINT_CALLS.labels(*labels, outcome(exc_info)).inc()

    def worker_teardown(self, worker_ctx) -> None:
        logs.unbind()
