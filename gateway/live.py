"""Live connections (GraphQL subscriptions over graphql-transport-ws at /graphql).

The token travels in connection_init's payload ({"authorization": "Bearer ..."}); it is
authenticated there exactly as an HTTP request's is (TokenVerifier.authenticate), again before
each delivery, and the socket is closed when it expires (4401) or is refused (4403), so a
client reconnects with a fresh one. A person holds at most KAIZEN_WS_CONNECTIONS_PER_PERSON
sockets and each socket at most KAIZEN_WS_SUBSCRIPTIONS_PER_CONNECTION operations. Every
delivery is read again as the subscriber, through the same RPC as the query, so it shows
only what they may see."""
from __future__ import annotations

import asyncio
import os
import time
from collections import defaultdict
from collections.abc import AsyncIterator

from strawberry.exceptions import ConnectionRejectionError

from gateway.auth import AuthError, Bearer, TokenVerifier
from gateway.context import Context
from gateway.events import Hub, Topic
from gateway.loaders import Loaders

TOKEN_EXPIRED = 4401
TOKEN_REFUSED = 4403


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


def _header(params: dict | None) -> str:
    """connection_init's payload as an Authorization header: {"authorization": "Bearer
    ..."} or {"token": "..."}."""
    params = params or {}
    raw = str(params.get("authorization") or params.get("token") or "").strip()
    return raw if raw.lower().startswith("bearer ") else f"Bearer {raw}"


async def _authenticate(context: Context) -> Bearer:
    """The same path as an HTTP request (TokenVerifier.authenticate): a development token,
    the provider's token or an API token, each checked the same way."""
    verifier: TokenVerifier = context.request.app.state.verifier
    bearer = await verifier.authenticate(_header(context.connection_params), context.rpc)
    if bearer is None:
        raise AuthError("sign in first")
    return bearer


async def connect(context: Context, connections: Connections) -> None:
    """connection_init: the token checked, the person's socket count held, expiry armed."""
    try:
        bearer = await _authenticate(context)
    except AuthError as exc:
        raise ConnectionRejectionError({"message": str(exc)}) from None
    key = id(context.request.scope)
    if not connections.admit(bearer.identity.user_id, key):
        raise ConnectionRejectionError({"message": "too many live connections for one person"})
    _hold(context, bearer)
    if bearer.expires_at is not None:
        delay = max(0.0, bearer.expires_at - time.time())
        connections.timers[key] = asyncio.get_running_loop().call_later(
            delay, lambda: asyncio.ensure_future(_close(context, TOKEN_EXPIRED,
                                                        "token expired: sign in again")))


def _hold(context: Context, bearer: Bearer) -> None:
    context.identity, context.token_scopes = bearer.identity, bearer.scopes
    context.expires_at = bearer.expires_at


async def _close(context: Context, code: int, reason: str) -> None:
    context.identity = None
    await context.request.close(code=code, reason=reason[:120])


async def still_signed_in(context: Context) -> bool:
    """Before each delivery the token is authenticated again, the way it was at
    connection_init: an expired, revoked or deactivated one ends the socket (4401, 4403),
    and the person's roles are the provider's current ones."""
    if context.identity is None:
        return False
    if context.expires_at is not None and context.expires_at <= time.time():
        await _close(context, TOKEN_EXPIRED, "token expired: sign in again")
        return False
    try:
        _hold(context, await _authenticate(context))
    except AuthError as exc:
        await _close(context, TOKEN_REFUSED, str(exc))
        return False
    return True


async def events(context: Context, topic: Topic) -> AsyncIterator[dict]:
    """The topic's events while the subscriber is signed in, each with fresh loaders (a
    delivery never answers from an earlier one's cache)."""
    hub: Hub = context.request.app.state.hub
    async for message in hub.listen(topic):
        if not await still_signed_in(context):
            return
        context.loaders = Loaders(context)
        yield message
