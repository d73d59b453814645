"""One RabbitMQ user per service and one for the gateway, each allowed only its own part of
the broker (https://www.rabbitmq.com/docs/access-control).

A service `s` (user ``kaizen-s``) may
  * declare, bind and consume its own queues: ``rpc-s`` (its RPCs), ``rpc.reply-s-*`` (the
    answers to its calls and to its probes), ``evt-*--s.*`` (its event handlers, with their
    ``.retry`` and ``.dead`` queues); and declare (not consume) the queues of the consumers of
    its own events, ``evt-s-*``, which it creates before it publishes (shared.topology);
  * publish events only to ``s.events``; RPCs only to itself (its probe) and the services
    shared.trust says it calls; a failed event only to its own handlers' ``.retry`` queues
    (the topic exchange ``kaizen.retry``, by topic permission); never through the default
    exchange, which would reach any queue by name;
  * bind its handlers' queues to another service's events only for the event types it
    handles (topic read permission on ``<source>.events``).
The gateway (``kaizen-gateway``) may call every service, read answers on its own reply
queues and bind its server-named event-feed queue to every service's events; it publishes
no event. Operators (kaizen-admin, the seeds, the migration step's declare) use the
broker's administrator account.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from shared import topology, trust
from shared.settings import SERVICES

UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
GATEWAY = "gateway"


@dataclass(frozen=True)
class Grant:
    user: str
    configure: str
    write: str
    read: str
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)  # exchange -> (write, read)


def user_of(name: str) -> str:
    return f"kaizen-{name}"


def either(*patterns: str) -> str:
    return f"^({'|'.join(patterns)})$"


def calls_of(service: str) -> list[str]:
    return sorted(t for t, callers in trust.CALLERS.items() if service in callers)


def handled(service: str, source: str) -> list[str]:
    return sorted({c.event_type for c in topology.known()
                   if c.service == service and c.source == source})


def service_grant(s: str) -> Grant:
    own = [f"rpc-{s}", rf"rpc\.reply-{s}-.*", rf"evt-.*--{s}\..*"]
    produced = rf"evt-{s}-.*"
    infrastructure = [r"nameko-rpc", r"kaizen\.dead", r"kaizen\.retry"]
    topics = {f"{source}.events": ("^.*$" if source == s else "^$",
                                   "^.*$" if source == s else either(*handled(s, source))
                                   if handled(s, source) else "^$")
              for source in SERVICES}
    topics["nameko-rpc"] = (either(rf"({'|'.join([s, *calls_of(s)])})\.[^.]+", UUID),
                            either(rf"{s}\.\*", UUID))
    topics["kaizen.retry"] = (either(rf"evt-.*--{s}\.[^.]+\.retry"),
                              either(rf"evt-.*--{s}\.[^.]+\.retry", rf"{produced}\.retry"))
    return Grant(user_of(s),
                 configure=either(*own, produced, r"[a-z]+\.events", *infrastructure),
                 write=either(*own, produced, rf"{s}\.events", *infrastructure),
                 read=either(*own, r"[a-z]+\.events", *infrastructure), topics=topics)


def gateway_grant() -> Grant:
    own = [rf"rpc\.reply-{GATEWAY}-.*", r"amq\.gen-.*"]  # RPC answers; the event feed
    topics = {f"{source}.events": ("^$", "^.*$") for source in SERVICES}
    topics["nameko-rpc"] = (either(r"[a-z]+\.[^.]+", UUID), either(UUID))
    return Grant(user_of(GATEWAY), configure=either(*own, "nameko-rpc", r"[a-z]+\.events"),
                 write=either(*own, "nameko-rpc"),
                 read=either(*own, "nameko-rpc", r"[a-z]+\.events"), topics=topics)


def grants() -> list[Grant]:
    return [gateway_grant(), *(service_grant(s) for s in SERVICES)]
