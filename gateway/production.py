"""What KAIZEN_ENV=production changes in the gateway (shared/production.py says what it
refuses at start): no introspection, no GraphiQL, no "Did you mean ...?" in error messages
(they spell out the schema to a caller probing with typos), and /metrics only on its own port
(KAIZEN_METRICS_PORT, 9100), which the Ingress does not route. In development /metrics is also
on the main port, and on KAIZEN_METRICS_PORT when that is set (the Kubernetes dev overlay)."""
from __future__ import annotations

import os
import re

from prometheus_client import start_http_server
from strawberry.extensions import DisableIntrospection, SchemaExtension

SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)
DEFAULT_METRICS_PORT = 9100


class HideSuggestions(SchemaExtension):
    """Drops graphql-core's suggestions (unknown field, argument, type, enum value) from
    every error message of the result."""

    def on_operation(self):
        yield
        result = self.execution_context.result
        for error in (result.errors if result else None) or ():
            error.message = SUGGESTION.sub("", error.message)


def schema_extensions(production: bool) -> list:
    return [DisableIntrospection(), HideSuggestions] if production else []


def metrics_port(production: bool) -> int | None:
    """The port of /metrics of its own: KAIZEN_METRICS_PORT (`0`: none), else 9100 in
    production and none in development."""
    configured = os.environ.get("KAIZEN_METRICS_PORT", "").strip()
    if configured:
        return int(configured) or None
    return DEFAULT_METRICS_PORT if production else None


def serve_metrics(port: int) -> int:
    """/metrics on a port of its own (a daemon thread of prometheus_client): the port."""
    server, _thread = start_http_server(port, addr=os.environ.get("KAIZEN_METRICS_HOST",
                                                                  "0.0.0.0"))
    return server.server_port
