"""nameko's standalone RPC client, one per worker thread, called from async resolvers.

Each thread keeps its client between requests; the caller's service token (one per identity
and service, signed by the gateway's key and reused for half its lifetime:
shared.tokens.ServiceTokens) is set on the client's call
context just before each call. Reply connections carry AMQP heartbeats (gateway.replies); a
client idle longer than the heartbeat is replaced before its call, since the broker has
closed its connection by then. A client whose connection broke is dropped, whatever the
broker error (`broker_lost`), so the next call reconnects; reads (idempotent) and writes
carrying an idempotency key (the service makes them once) are retried once on a fresh client.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu.exceptions import OperationalError
from nameko.exceptions import RpcTimeout
from nameko.standalone.rpc import ClusterRpcProxy

from gateway.metrics import RPC_LATENCY
from gateway.replies import HeartbeatReplyListener
from shared import idempotency
from shared.identity import Identity
from shared.logs import begin_call, current_call_id, request_call_id
from shared.rpc import answered_as
from shared.settings import amqp_heartbeat
from shared.tokens import ServiceTokens

log = logging.getLogger(__name__)
# py-amqp's connection errors are not OSErrors; kombu wraps only some of them
CONNECTION_ERRORS = (OSError, ConnectionError, OperationalError, socket.timeout,
                     AmqpConnectionError)


def broker_lost(exc: BaseException) -> bool:
    """The client's connection is gone: a socket, kombu or py-amqp error, or nameko's reply
    consumer saying so (a plain RuntimeError: "This consumer has been disconnected ...")."""
    return isinstance(exc, CONNECTION_ERRORS) or (
        isinstance(exc, RuntimeError) and "disconnected" in str(exc))


class ServiceUnavailable(Exception):
    """A service did not answer in time or the broker is unreachable."""

    def __init__(self, message: str, service: str):
        super().__init__(message)
        self.service = service


class RpcClient:
    def __init__(self, amqp_uri: str, timeout: float, threads: int = 16):
        self.config = {"AMQP_URI": amqp_uri, "serializer": "json"}
        self.timeout = timeout
        self._local = threading.local()
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="rpc")
        self._clients: list[ClusterRpcProxy] = []
        self._lock = threading.Lock()
        self.tokens = ServiceTokens()
        self.heartbeat = amqp_heartbeat()
        self.clock = time.monotonic

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
        call_id = current_call_id() or request_call_id()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor,
            lambda: self.call_blocking(service, method, args, kwargs, context, idempotent, timeout,
                                       call_id),
        )

    def call_blocking(self, service, method, args, kwargs, context, idempotent, timeout=None,
                      call_id=None):
        attempts = 2 if idempotent else 1
        for attempt in range(attempts):
            started = time.perf_counter()
            try:
                return self._call_once(service, method, args, kwargs, context, timeout, call_id)
            except RpcTimeout:
                raise ServiceUnavailable(f"{service} did not answer in time", service) from None
            except Exception as exc:
                if not broker_lost(exc):
                    raise
                self._drop_client()
                if attempt + 1 == attempts:
                    raise ServiceUnavailable(f"{service} is unreachable: {exc}", service) from None
            finally:
                RPC_LATENCY.labels(service, method).observe(time.perf_counter() - started)

    def _call_once(self, service, method, args, kwargs, context, timeout, call_id=None):
        client, cluster = self._client(timeout)
        client._worker_ctx.data = dict(context)
        begin_call(client._worker_ctx, call_id or request_call_id())
        return getattr(cluster[service], method)(*args, **kwargs)

    def _client(self, timeout: float | None):
        key = timeout or self.timeout
        now = self.clock()
        if self.heartbeat and now - self._local.__dict__.get("used", now) > self.heartbeat:
            self._drop_client()  # the broker has closed it by now: its heartbeats stopped
        self._local.used = now
        clients = self._local.__dict__.setdefault("clients", {})
        if key not in clients:
            client = answered_as(ClusterRpcProxy(self.config, timeout=key,
                                                 reply_listener_cls=HeartbeatReplyListener),
                                 "gateway")
            clients[key] = (client, client.start())
            with self._lock:
                self._clients.append(client)
        return clients[key]

    def _drop_client(self) -> None:
        for client, _ in getattr(self._local, "clients", {}).values():
            try:
                client.stop()
            except Exception:  # already broken; nothing more to release
                log.debug("stopping a broken RPC client failed", exc_info=True)
            with self._lock:
                if client in self._clients:
                    self._clients.remove(client)
        self._local.clients = {}

    def close(self) -> None:
        with self._lock:
            for client in self._clients:
                try:
                    client.stop()
                except Exception:
                    log.debug("stopping an RPC client failed", exc_info=True)
            self._clients.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
