"""JSON log lines that carry the call id nameko propagates, so one request can be followed
across services: grep the gateway's request id (the first entry of every call id stack).

Services log through `config/nameko.yaml` (LOGGING uses JsonFormatter); the worker's call is
bound by `shared.metrics.ServiceMetrics` for the duration of each entrypoint. The gateway
binds its request the same way and starts the RPC call id stack with it (`begin_call`)."""
from __future__ import annotations

import json
import logging
import logging.config
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

CURRENT_CALL: ContextVar[dict | None] = ContextVar("kaizen_current_call", default=None)
EXTRA_FIELDS = ("call_id", "origin_call_id", "call_id_stack", "service", "method", "operation")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **(CURRENT_CALL.get() or {}),
        }
        for key in EXTRA_FIELDS:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def bind_worker(worker_ctx) -> None:
    """Tag this worker's log lines (its own greenthread's context) with its call."""
    stack = worker_ctx.call_id_stack
    CURRENT_CALL.set({
        "call_id": worker_ctx.call_id,
        "origin_call_id": stack[0],
        "call_id_stack": stack,
        "service": worker_ctx.service_name,
        "method": worker_ctx.entrypoint.method_name,
    })


def bind_request(call_id: str, operation: str | None = None) -> None:
    """Tag the gateway's log lines for one HTTP request."""
    CURRENT_CALL.set({"call_id": call_id, "origin_call_id": call_id, "service": "gateway",
                      **({"operation": operation} if operation else {})})


def unbind() -> None:
    CURRENT_CALL.set(None)


def current_call_id() -> str | None:
    call = CURRENT_CALL.get()
    return call["call_id"] if call else None


def request_call_id(header: str | None = None) -> str:
    """The gateway's id for one request: the client's X-Request-ID when it is a sane token."""
    if header and REQUEST_ID.match(header):
        return header
    return f"gateway.{uuid.uuid4()}"


def begin_call(worker_ctx, call_id: str) -> None:
    """Start the call id stack a standalone ClusterRpcProxy sends with `call_id`.

    nameko 2.14 computes the stack once per proxy from private fields; a long-lived proxy
    would otherwise send the same id for every request."""
    worker_ctx._call_id = call_id
    worker_ctx._parent_call_id_stack = []
    worker_ctx._call_id_stack = None


def logging_config(level: str = "INFO") -> dict:
    """dictConfig for processes that nameko does not configure (the gateway, scripts)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"level": level, "handlers": ["console"]},
    }


def configure(level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(level))
