"""Per-pod health of a service process, served with its metrics (shared.metrics' port).

- ``/livez``: 200 while the process serves HTTP; it needs nothing else, so a broker or
  database outage never restarts a pod.
- ``/readyz``: 200 when every registered check passes (the broker accepts a connection, the
  service's database answers ``SELECT 1``), else 503 naming the failed checks.
- anything else: the Prometheus metrics.

Checks are registered by the dependency that owns the resource (``register``), so a process
running several service containers (tests) reports all of them. Each check is a callable
that raises or returns False when its resource is down.
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from kombu import Connection
from prometheus_client import make_wsgi_app

log = logging.getLogger(__name__)
Check = Callable[[], object]
CHECKS: dict[str, Check] = {}
_lock = threading.Lock()


def register(name: str, check: Check) -> None:
    """`name` as /readyz reports it: "ideas.database", "ideas.broker"."""
    with _lock:
        CHECKS[name] = check


def unregister(name: str) -> None:
    with _lock:
        CHECKS.pop(name, None)


def broker_reachable(amqp_uri: str, timeout: float = 2.0) -> bool:
    with Connection(amqp_uri, connect_timeout=timeout) as connection:
        connection.ensure_connection(max_retries=1)
    return True


def readiness() -> dict:
    with _lock:
        checks = dict(CHECKS)
    if not checks:  # before any service container has started
        return {"status": "down", "down": ["starting"]}
    down = []
    for name, check in sorted(checks.items()):
        try:
            if check() is False:
                down.append(name)
        except Exception as exc:  # a probe reports, it never raises
            log.warning("readiness check %s failed: %s", name, exc)
            down.append(name)
    return {"status": "down", "down": down} if down else {"status": "ok"}


def app(metrics=None):
    metrics = metrics or make_wsgi_app()

    def serve(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/livez":
            return _json(start_response, 200, {"status": "ok"})
        if path == "/readyz":
            result = readiness()
            return _json(start_response, 200 if result["status"] == "ok" else 503, result)
        return metrics(environ, start_response)

    return serve


def _json(start_response, status: int, body: dict) -> list[bytes]:
    data = json.dumps(body).encode()
    reason = "OK" if status == 200 else "Service Unavailable"
    start_response(f"{status} {reason}", [("Content-Type", "application/json"),
                                          ("Content-Length", str(len(data)))])
    return [data]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # probes every few seconds: no access log
        pass


def serve(port: int, address: str) -> int:
    """Starts the server on a daemon thread; returns the bound port."""
    httpd = make_server(address, port, app(), _Server, handler_class=_QuietHandler)
    threading.Thread(target=httpd.serve_forever, name="probes", daemon=True).start()
    return httpd.server_port
