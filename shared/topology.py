"""The consumer queues a service's code defines, found the way `nameko run` finds the
service (by its module name, services.<name>.service: shared never imports a service), so
they can be declared before any producer publishes (`kaizen-admin events declare`,
`python -m shared.migrate`)."""
from __future__ import annotations

from dataclasses import dataclass

from kombu import Queue
from nameko.cli.run import import_service
from nameko.events import SERVICE_POOL

from shared import queues
from shared.events import EventHandler


@dataclass(frozen=True)
class Consumer:
    service: str
    method: str
    source: str
    event_type: str

    @property
    def queue(self) -> str:  # nameko's SERVICE_POOL queue name
        return f"evt-{self.source}-{self.event_type}--{self.service}.{self.method}"

    def queues(self, config: dict | None = None) -> list[Queue]:
        return queues.consumer_queues(self.queue, self.source, self.event_type, config or {})


def consumers(service_cls) -> list[Consumer]:
    """The event handlers of a service class, in method order."""
    found = []
    for name in sorted(dir(service_cls)):
        for entrypoint in getattr(getattr(service_cls, name), "nameko_entrypoints", ()):
            if isinstance(entrypoint, EventHandler) and entrypoint.handler_type == SERVICE_POOL:
                found.append(Consumer(service_cls.name, name, entrypoint.source_service,
                                      entrypoint.event_type))
    return found


def consumers_of(service: str) -> list[Consumer]:
    found = []
    for service_cls in import_service(f"services.{service}.service"):
        found.extend(consumers(service_cls))
    return found
