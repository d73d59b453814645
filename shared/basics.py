"""The entrypoints every Kaizen service has: a health ping and the outbox relay timer.

A service inherits them through this module (``class IdeasService(basics.ServiceBasics)``,
with ``from shared import basics``): ``nameko run`` takes every class with entrypoints that
is a name in the service's module as a service of its own, so the class is never imported
by name. The service must have a ``db`` (shared.db.Database).
"""
from __future__ import annotations

from nameko.timer import timer

from shared.entrypoints import rpc

RELAY_INTERVAL = 2  # seconds: the relay after each commit publishes at once; this catches the rest


class ServiceBasics:
    @rpc
    def ping(self) -> str:
        """Answers the health checks (shared.ping, the gateway's /healthz, k8s probes)."""
        return "pong"

    @timer(interval=RELAY_INTERVAL)
    def relay_outbox(self) -> None:
        self.db.relay()
