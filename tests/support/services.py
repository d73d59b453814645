"""Calling a service container as a person, and reading what it wrote: the helpers every
integration test uses (nameko's entrypoint_hook with a verified service token)."""
from __future__ import annotations

import json

from nameko.testing.services import entrypoint_hook
from sqlalchemy import Table, create_engine, func, select

from shared.identity import CONTEXT_KEY, Identity, mint_service_token


def as_user(identity: Identity, service: str) -> dict:
    """The nameko context data of a call to `service` made as `identity`, as the gateway
    makes it (shared.rpc.cluster_proxy signs for whichever service a standalone proxy calls)."""
    return {CONTEXT_KEY: mint_service_token(identity, service)}


def call(container, method: str, *args, identity: Identity | None, **kwargs):
    """Calls the entrypoint `method` as `identity` (None: an anonymous caller)."""
    context = as_user(identity, container.service_name) if identity else {}
    with entrypoint_hook(container, method, context_data=context) as hook:
        return hook(*args, **kwargs)


def handle(container, handler: str, message: dict) -> None:
    """Delivers an event envelope straight to the event handler `handler`."""
    with entrypoint_hook(container, handler) as hook:
        hook(message)


def rows(url: str, statement) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(statement).all())
    engine.dispose()
    return found


def count(url: str, table) -> int:
    return rows(url, select(func.count()).select_from(table))[0][0]


def outbox_events(outbox: Table, url: str, event_type: str | None = None) -> list[dict]:
    """The `data` of the events in a service's outbox, oldest first."""
    found = rows(url, select(outbox.c.event_type, outbox.c.payload).order_by(outbox.c.seq))
    return [json.loads(p)["data"] for t, p in found if event_type in (None, t)]
