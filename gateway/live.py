"""Live connections (GraphQL subscriptions over graphql-transport-ws at /graphql).

The token travels in connection_init's payload ({"authorization": "Bearer ..."}); it is
verified there, and the socket is closed (4401) when it expires, so a client reconnects with
a fresh one. A person holds at most KAIZEN_WS_CONNECTIONS_PER_PERSON sockets and each socket
at most KAIZEN_WS_SUBSCRIPTIONS_PER_CONNECTION operations. Every delivery is read again as
the subscriber, through the same RPC as the query, so it shows only what they may see."""
from __future__ import annotations

import asyncio
import os
import time
from collections import defaultdict
from collections.abc import AsyncIterator

from strawberry.exceptions import ConnectionRejectionError

from gateway.auth import AuthError, TokenVerifier
from gateway.context import Context
from gateway.events import Hub, Topic
from gateway.loaders import Loaders

TOKEN_EXPIRED = 4401


def connections_per_person() -> int:
    return int(os.environ.get("KAIZEN_WS_CONNECTIONS_PER_PERSON", "5"))


def subscriptions_per_connection() -> int:
    return int(os.environ.get("KAIZEN_WS_SUBSCRIPTIONS_PER_CONNECTION", "20"))


class Connections:
    """The open sockets of each person, keyed by the socket's ASGI scope."""

    def __init__(self) -> None:
        self.by_person: dict[str, set[int]] = defaultdict(set)
        self.owner: dict[int, str] = {}
        self.timers: dict[int, asyncio.TimerHandle] = {}

    def admit(self, person_id: str, key: int) -> bool:
        if len(self.by_person[person_id]) >= connections_per_person():
            return False
        self.by_person[person_id].add(key)
        self.owner[key] = person_id
        return True

    def release(self, key: int) -> None:
        person = self.owner.pop(key, None)
        if person is not None:
            self.by_person[person].discard(key)
            if not self.by_person[person]:
                del self.by_person[person]
        timer = self.timers.pop(key, None)
        if timer:
            timer.cancel()


def _token(params: dict | None) -> str:
    raw = str((params or {}).get("authorization") or (params or {}).get("token") or "")
    return raw.removeprefix("Bearer ").strip()


async def connect(context: Context, verifier: TokenVerifier, connections: Connections) -> None:
    """connection_init: the token checked, the person's socket count held, expiry armed."""
    try:
        identity, expires_at = verifier.verify_with_expiry(_token(context.connection_params))
    except AuthError as exc:
        raise ConnectionRejectionError({"message": str(exc)}) from None
    key = id(context.request.scope)
    if not connections.admit(identity.user_id, key):
        raise ConnectionRejectionError({"message": "too many live connections for one person"})
    context.identity, context.expires_at = identity, expires_at
    delay = max(0.0, expires_at - time.time())
    connections.timers[key] = asyncio.get_running_loop().call_later(
        delay, lambda: asyncio.ensure_future(_expire(context)))


async def _expire(context: Context) -> None:
    context.identity = None
    await context.request.close(code=TOKEN_EXPIRED, reason="token expired: sign in again")


def still_signed_in(context: Context) -> bool:
    return context.identity is not None and (context.expires_at or 0) > time.time()


async def events(context: Context, topic: Topic) -> AsyncIterator[dict]:
    """The topic's events while the subscriber is signed in, each with fresh loaders (a
    delivery never answers from an earlier one's cache)."""
    hub: Hub = context.request.app.state.hub
    async for message in hub.listen(topic):
        if not still_signed_in(context):
            return
        context.loaders = Loaders(context)
        yield message
