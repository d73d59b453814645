"""The entrypoints every Kaizen service has: a health ping, the outbox relay timer and the
purge of delivered outbox and inbox rows.

A service inherits them through this module (``class IdeasService(basics.ServiceBasics)``,
with ``from shared import basics``): ``nameko run`` takes every class with entrypoints that
is a name in the service's module as a service of its own, so the class is never imported
by name. The service must have a ``db`` (shared.db.Database).
"""
from __future__ import annotations

from nameko.timer import timer

from shared.entrypoints import rpc

RELAY_INTERVAL = 2  # seconds: the relay after each commit publishes at once; this catches the rest
PURGE_INTERVAL = 3600  # seconds between purges of delivered outbox and inbox rows


class ServiceBasics:
    @rpc
    def ping(self) -> str:
        """Answers `python -m shared.ping` and the gateway's /healthz (pods are probed on their
        metrics port: shared.probes)."""
        return "pong"

    @timer(interval=RELAY_INTERVAL)
    def relay_outbox(self) -> None:
        self.db.relay()

    @timer(interval=PURGE_INTERVAL)
    def purge_delivered(self) -> None:
        """Published outbox rows and processed inbox rows older than
        KAIZEN_OUTBOX_RETENTION_DAYS (14) go; the rest stays."""
        self.db.purge()
