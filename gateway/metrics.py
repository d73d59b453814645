"""Prometheus metrics of the gateway, served at /metrics."""
from __future__ import annotations

from prometheus_client import Counter, Histogram

REQUESTS = Counter(
    "kaizen_gateway_requests_total", "GraphQL operations", ["operation", "outcome"]
)
REQUEST_LATENCY = Histogram(
    "kaizen_gateway_request_seconds", "GraphQL operation latency", ["operation"]
)
RPC_LATENCY = Histogram(
    "kaizen_gateway_rpc_seconds", "RPC latency seen by the gateway", ["service", "method"]
)
