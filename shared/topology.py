"""Who consumes which event: the consumer queues the services' code defines, kept in
shared/contracts/consumers.json so that a producer (and the declare step) knows them
without importing another service's code.

The file is generated from the handlers (`make topology`, which finds each service the way
`nameko run` does, by its module name) and a unit test keeps it equal to the code. A
producer declares the queues of its events' consumers before it publishes, and publishes
those events with `mandatory`: a return then means the broker lost them (a new broker, data
loss), so the event is declared again and retried instead of being marked sent."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from kombu import Queue

from shared import queues
from shared.settings import ROOT

CONSUMERS_FILE = ROOT / "shared" / "contracts" / "consumers.json"


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
    from nameko.events import SERVICE_POOL

    from shared.events import EventHandler

    found = []
    for name in sorted(dir(service_cls)):
        for entrypoint in getattr(getattr(service_cls, name), "nameko_entrypoints", ()):
            if isinstance(entrypoint, EventHandler) and entrypoint.handler_type == SERVICE_POOL:
                found.append(Consumer(service_cls.name, name, entrypoint.source_service,
                                      entrypoint.event_type))
    return found


def consumers_in_code(service: str) -> list[Consumer]:
    """The handlers of services.<service>.service, found the way `nameko run` finds it."""
    from nameko.cli.run import import_service

    return [c for cls in import_service(f"services.{service}.service") for c in consumers(cls)]


def render(found: list[Consumer]) -> str:
    """consumers.json: {source: {event_type: ["service.method", ...]}}, sorted."""
    table: dict = {}
    for c in found:
        table.setdefault(c.source, {}).setdefault(c.event_type, []).append(
            f"{c.service}.{c.method}")
    return json.dumps({s: {t: sorted(h) for t, h in sorted(types.items())}
                       for s, types in sorted(table.items())}, indent=2) + "\n"


@cache
def known() -> tuple[Consumer, ...]:
    table = json.loads(CONSUMERS_FILE.read_text())
    return tuple(Consumer(*handler.split("."), source, event_type)
                 for source, types in table.items() for event_type, handlers in types.items()
                 for handler in handlers)


def consumers_of_events(source: str) -> list[Consumer]:
    """The consumers of `source`'s events."""
    return [c for c in known() if c.source == source]


def consumers_in(service: str) -> list[Consumer]:
    """The consumers that are handlers of `service`."""
    return [c for c in known() if c.service == service]
