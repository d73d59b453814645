"""What one HTTP request may cost the gateway before GraphQL sees it (ASGI middleware): a
body of at most KAIZEN_MAX_BODY_BYTES (default 1 MiB; the largest input, a CSV import of
200,000 characters, fits) and each part of it arriving within KAIZEN_BODY_READ_TIMEOUT
seconds (default 10), so a client that stops sending mid-body does not hold a worker.

Too large: 413, checked on Content-Length before reading and again while reading (chunked
bodies have none). Too slow: 408. Both answer JSON in GraphQL's error shape."""
from __future__ import annotations

import asyncio
import json
import os


def max_body_bytes() -> int:
    return int(os.environ.get("KAIZEN_MAX_BODY_BYTES", str(1024 * 1024)))


def body_read_timeout() -> float:
    return float(os.environ.get("KAIZEN_BODY_READ_TIMEOUT", "10"))


class BodyRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class BodyLimits:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, timeout = max_body_bytes(), body_read_timeout()
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _refuse(send, BodyRefused(413, f"request body over {limit} bytes"))
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), timeout)
            except TimeoutError:
                raise BodyRefused(408, f"request body not received within {timeout:g} s"
                                  ) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyRefused(413, f"request body over {limit} bytes")
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except BodyRefused as refused:
            if not started:
                await _refuse(send, refused)


async def _refuse(send, refused: BodyRefused) -> None:
    body = json.dumps({"errors": [{"message": refused.message}]}).encode()
    await send({"type": "http.response.start", "status": refused.status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
