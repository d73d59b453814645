"""Per-request context: the caller, the RPC client and this request's loaders. `Info` is the
typed info every resolver takes."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import strawberry

from gateway import idempotency, scopes
from gateway.errors import (
    ServiceUnavailableError,
    SignInFirst,
    UserError,
    public_error,
    user_error,
)
from gateway.rpc import RpcClient, ServiceUnavailable
from shared.errors import DomainError
from shared.identity import Identity

if TYPE_CHECKING:
    from gateway.loaders import Loaders
    from gateway.ratelimits import RateLimits


@dataclass
class Context:
    rpc: RpcClient
    identity: Identity | None
    request: object = None
    response: object = None
    token_scopes: tuple[str, ...] | None = None  # an API token's (gateway.scopes); None: a session
    rate_limits: RateLimits | None = None  # the process's buckets (gateway.ratelimits); None: off
    loaders: Loaders = field(init=False, repr=False)  # set by gateway.loaders.request_context
    # websockets: the connection_init payload, and when the token it carried expires
    connection_params: dict | None = None
    expires_at: float | None = None

    def require_identity(self) -> Identity:
        if self.identity is None:
            raise SignInFirst()
        return self.identity

    async def query(self, service: str, method: str, *args, **kwargs):
        """A read as the caller: domain errors become public GraphQL errors."""
        try:
            scopes.check_read(self.token_scopes, service)
            return await self.rpc.call(service, method, *args, identity=self.require_identity(),
                                       idempotent=True, **kwargs)
        except Exception as exc:
            raise public_error(exc) from exc

    async def result(self, service: str, method: str, *args, to: Callable[[Any], Any],
                     refuse: Callable[[DomainError], UserError] = user_error, **kwargs):
        """A change as the caller, answered in the field's result union: `to(answer)`
        (awaited when it is a coroutine), `refuse(error)` for a domain error, or
        ServiceUnavailableError. The mutation's idempotency key (gateway.idempotency)
        goes with the call."""
        try:
            scopes.check_write(self.token_scopes, service)
            answer = await self.rpc.call(service, method, *args, identity=self.identity,
                                         idempotency_key=idempotency.current_key(), **kwargs)
        except DomainError as exc:
            return refuse(exc)
        except ServiceUnavailable as exc:
            return ServiceUnavailableError.of(exc)
        made = to(answer)
        return await made if inspect.isawaitable(made) else made


Info = strawberry.Info[Context, None]
