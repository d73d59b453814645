"""Prometheus metrics of the gateway, served at /metrics, and the request id of each call.

`OperationMetrics` (a strawberry extension) counts and times every GraphQL operation by
name: the client's operation name, else its root fields (`query:ideas+me`). Names are
capped (MAX_OPERATIONS distinct, then "other") so clients cannot explode the series.
`RequestTracking` (ASGI middleware) gives each HTTP request a call id (the client's
X-Request-ID or a new one), binds it for JSON logs and returns it as X-Request-ID; the RPC
client starts the nameko call id stack with it, so service logs carry the same id."""
from __future__ import annotations

import re
import threading
import time

from graphql import OperationDefinitionNode
from prometheus_client import Counter, Histogram
from strawberry.extensions import SchemaExtension

from shared import logs

REQUESTS = Counter(
    "kaizen_gateway_requests_total", "GraphQL operations", ["operation", "outcome"]
)
REQUEST_LATENCY = Histogram(
    "kaizen_gateway_request_seconds", "GraphQL operation latency", ["operation"]
)
RPC_LATENCY = Histogram(
    "kaizen_gateway_rpc_seconds", "RPC latency seen by the gateway", ["service", "method"]
)
OPERATIONS = Counter(
    "kaizen_gateway_operations_total", "GraphQL operations by name and outcome (ok, error)",
    ["type", "operation", "outcome"],
)
OPERATION_LATENCY = Histogram(
    "kaizen_gateway_operation_seconds", "GraphQL operation latency by name",
    ["type", "operation"],
)
MAX_OPERATIONS = 200
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


class OperationNames:
    """Bounded label values: the first MAX_OPERATIONS distinct names, then "other"."""

    def __init__(self, limit: int = MAX_OPERATIONS):
        self.limit = limit
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    def label(self, name: str | None) -> str:
        if not name:
            return "invalid"
        with self.lock:
            if name in self.seen or len(self.seen) < self.limit:
                self.seen.add(name)
                return name
        return "other"


NAMES = OperationNames()


def operation_label(document, operation_name: str | None) -> str | None:
    """The operation's name, else its sorted root fields; None for an unparsable document."""
    if operation_name:
        return operation_name if NAME.match(operation_name) else None
    if document is None:
        return None
    for node in document.definitions:
        if isinstance(node, OperationDefinitionNode):
            fields = sorted({s.name.value for s in node.selection_set.selections
                             if hasattr(s, "name")})
            return f"{node.operation.value}:{'+'.join(fields)}"[:120]
    return None


class OperationMetrics(SchemaExtension):
    def on_operation(self):
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = NAMES.label(operation_label(context.graphql_document, context.operation_name))
        try:
            kind = context.operation_type.value
        except Exception:  # unparsable or unknown operation: strawberry raises
            kind = "invalid"
        failed = context.result is None or bool(context.result.errors)
        OPERATION_LATENCY.labels(kind, name).observe(time.perf_counter() - started)
        OPERATIONS.labels(kind, name, "error" if failed else "ok").inc()


class RequestTracking:
    """ASGI middleware: one call id per HTTP request, in logs and in X-Request-ID."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        call_id = logs.request_call_id(headers.get(b"x-request-id", b"").decode("latin-1"))
        logs.bind_request(call_id)

        async def send_with_id(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", call_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logs.unbind()
