"""The gateway's RPC client: nameko 2.14's protocol spoken on the event loop (gateway.replies),
one connection and one reply queue per process, opened by the first call.

The caller's service token (one per identity and service, signed by the gateway's key and
reused for half its lifetime: shared.tokens.ServiceTokens) and the request's call id go in
the call context, as nameko's headers. When the connection is lost, whatever the broker
error (`broker_lost`), the next call opens a new one; reads (idempotent) and writes carrying
an idempotency key (the service makes them once) are retried once on it.
"""
from __future__ import annotations

import asyncio
import logging
import time

from aiormq.exceptions import AMQPError
from nameko.constants import CALL_ID_STACK_CONTEXT_KEY, HEADER_PREFIX
from nameko.exceptions import RpcTimeout

from gateway.metrics import RPC_LATENCY
from gateway.replies import ReplyLink
from shared import idempotency
from shared.identity import Identity
from shared.logs import current_call_id, request_call_id
from shared.settings import amqp_heartbeat
from shared.tokens import ServiceTokens

log = logging.getLogger(__name__)
ANSWERED_AS = "gateway"  # the reply queue's rpc.reply-gateway-<uuid>
# a socket error, a refused or closed connection (aiormq's are ConnectionErrors too), a
# channel the broker closed
CONNECTION_ERRORS = (OSError, ConnectionError, AMQPError)


def broker_lost(exc: BaseException) -> bool:
    return isinstance(exc, CONNECTION_ERRORS)


def call_headers(context: dict, call_id: str) -> dict:
    """nameko's headers for a call context: `nameko.<key>` per item, with the call id stack
    (the gateway starts it: shared.logs)."""
    data = {**context, CALL_ID_STACK_CONTEXT_KEY: [call_id]}
    return {f"{HEADER_PREFIX}.{key}": value for key, value in data.items() if value is not None}


class ServiceUnavailable(Exception):
    """A service did not answer in time or the broker is unreachable."""

    def __init__(self, message: str, service: str):
        super().__init__(message)
        self.service = service


class RpcClient:
    def __init__(self, amqp_uri: str, timeout: float):
        self.amqp_uri, self.timeout = amqp_uri, timeout
        self.tokens = ServiceTokens()
        self.heartbeat = amqp_heartbeat()
        self._link: ReplyLink | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._opening: asyncio.Lock | None = None

    async def call(self, service: str, method: str, *args, identity: Identity | None = None,
                   idempotent: bool = False, timeout: float | None = None,
                   idempotency_key: str | None = None, **kwargs):
        """`idempotency_key`: the mutation's (shared.idempotency), for this call alone; with
        it the call is as safe to retry as a read."""
        context = self.tokens.context_for(identity, service) if identity else {}
        if idempotency_key is not None:
            context = {**context, **idempotency.context_data(idempotency_key,
                                                             f"{service}.{method}")}
            idempotent = True
        headers = call_headers(context, current_call_id() or request_call_id())
        attempts = 2 if idempotent else 1
        for attempt in range(attempts):
            started = time.perf_counter()
            try:
                return await self._call_once(service, method, args, kwargs, headers,
                                             timeout or self.timeout)
            except RpcTimeout:
                raise ServiceUnavailable(f"{service} did not answer in time", service) from None
            except Exception as exc:
                if not broker_lost(exc):
                    raise
                if attempt + 1 == attempts:
                    raise ServiceUnavailable(f"{service} is unreachable: {exc}", service) from None
            finally:
                RPC_LATENCY.labels(service, method).observe(time.perf_counter() - started)

    async def _call_once(self, service, method, args, kwargs, headers, timeout):
        link = await self._linked()
        return await link.call(f"{service}.{method}", args, kwargs, headers, timeout)

    async def _linked(self) -> ReplyLink:
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._link is not None and not self._link.lost:
            return self._link
        if self._loop is not loop:  # a link belongs to the loop it was opened on
            self._link, self._loop, self._opening = None, loop, asyncio.Lock()
        async with self._opening:
            if self._link is None or self._link.lost:
                self._link = await ReplyLink.open(self.amqp_uri, self.heartbeat, ANSWERED_AS)
        return self._link

    async def close(self) -> None:
        link, self._link = self._link, None
        try:
            if link is not None:
                await link.close()
        except Exception:  # already broken; nothing more to release
            log.debug("closing the RPC connection failed", exc_info=True)
