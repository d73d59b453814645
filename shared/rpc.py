"""RPC that carries the caller's identity onwards, signed for the service called.

A service token is addressed to one service (``aud``), so a service calling another for a
person cannot pass the token it received on: it verifies that token and signs one for the
target with its own key (shared.trust says which of the target's methods it may call).
Services declare ``career_rpc = RpcProxy("career")`` from here, never nameko's own (which
would forward the received token unchanged, to be refused).

`cluster_proxy` is nameko's standalone ClusterRpcProxy for the command lines: each service
it calls gets a token of its own, signed by the operators' key (``admin``).
"""
from __future__ import annotations

from collections.abc import Callable

from nameko import rpc
from nameko.standalone.rpc import ClusterProxy, ClusterRpcProxy

from shared.identity import CONTEXT_KEY, Identity, signer
from shared.settings import amqp_uri
from shared.tokens import ServiceTokens
from shared.verify import verifier_for

TokenFor = Callable[[], str | None]


class _MethodProxy(rpc.MethodProxy):
    def __init__(self, *args, token: TokenFor, **options) -> None:
        self._token = token
        super().__init__(*args, **options)

    def get_message_headers(self, worker_ctx) -> dict:
        headers = super().get_message_headers(worker_ctx)
        headers.pop(self._get_header_name(CONTEXT_KEY), None)
        token = self._token()
        if token:
            headers[self._get_header_name(CONTEXT_KEY)] = token
        return headers


class _ServiceProxy(rpc.ServiceProxy):
    def __init__(self, worker_ctx, service_name, reply_listener, token: TokenFor, **options):
        self._token = token
        super().__init__(worker_ctx, service_name, reply_listener, **options)

    def __getattr__(self, name: str) -> _MethodProxy:
        return _MethodProxy(self.worker_ctx, self.service_name, name, self.reply_listener,
                            token=self._token, **self.options)


class RpcProxy(rpc.RpcProxy):
    """nameko's RpcProxy whose calls carry the worker's caller, re-signed for the target
    by this service (no caller: no token)."""

    def setup(self) -> None:
        name = self.container.service_name
        signer(name)  # a service that calls others without its key must not start
        self.tokens = ServiceTokens(signed_by=name)
        self.verifier = verifier_for(name)

    def get_dependency(self, worker_ctx) -> _ServiceProxy:
        return _ServiceProxy(worker_ctx, self.target_service, self.rpc_reply_listener,
                             token=lambda: self.onward_token(worker_ctx), **self.options)

    def onward_token(self, worker_ctx) -> str | None:
        received = worker_ctx.data.get(CONTEXT_KEY)
        if not received:
            return None
        identity = self.verifier.verify(received, worker_ctx.entrypoint.method_name)
        return self.tokens.token_for(identity, self.target_service)


class _SignedCluster(ClusterProxy):
    def __init__(self, worker_ctx, reply_listener, token_for: Callable[[str], str | None]):
        super().__init__(worker_ctx, reply_listener)
        self._token_for = token_for

    def __getattr__(self, name: str) -> _ServiceProxy:
        if name not in self._proxies:
            self._proxies[name] = _ServiceProxy(self._worker_ctx, name, self._reply_listener,
                                                token=lambda: self._token_for(name))
        return self._proxies[name]


def answered_as(proxy: ClusterRpcProxy, name: str) -> ClusterRpcProxy:
    """Names the standalone proxy's reply queue ``rpc.reply-<name>-<uuid>`` (nameko's own
    name is ``standalone_rpc_proxy``), so that the broker user of `name` may read it and no
    other (shared.broker_users). Before `start()`."""
    proxy._reply_listener.container.service_name = name
    return proxy


def cluster_proxy(identity: Identity | None, signed_by: str = "admin", config: dict | None = None,
                  **options) -> ClusterRpcProxy:
    """A standalone ClusterRpcProxy calling as `identity` (None: anonymous)."""
    tokens = ServiceTokens(signed_by=signed_by)
    proxy = ClusterRpcProxy(config or {"AMQP_URI": amqp_uri()}, **options)
    proxy._proxy = _SignedCluster(proxy._worker_ctx, proxy._reply_listener,
                                  lambda name: identity and tokens.token_for(identity, name))
    return proxy
