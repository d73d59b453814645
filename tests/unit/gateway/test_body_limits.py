"""The gateway's body limits over a real socket (uvicorn): a body over the limit is a 413
whether it says its length or comes chunked, and a body that stops arriving is a 408 instead
of a connection held open."""
from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.limits import BodyLimits
from tests.support.receivers import free_port


async def echo(request: Request) -> JSONResponse:
    return JSONResponse({"bytes": len(await request.body())})


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("KAIZEN_MAX_BODY_BYTES", str(1024 * 1024))
    monkeypatch.setenv("KAIZEN_BODY_READ_TIMEOUT", "0.5")
    app = Starlette(routes=[Route("/graphql", echo, methods=["POST"])],
                    middleware=[Middleware(BodyLimits)])
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


def test_a_body_within_the_limit_is_read(server):
    assert httpx.post(f"{server}/graphql", content=b"x" * 1000).json() == {"bytes": 1000}


def test_a_3_mb_body_is_refused_with_413(server):
    response = httpx.post(f"{server}/graphql", content=b"x" * 3_000_000)
    assert response.status_code == 413
    assert "over 1048576 bytes" in response.json()["errors"][0]["message"]


def test_a_chunked_body_over_the_limit_is_refused_with_413(server):
    def chunks():
        for _ in range(30):
            yield b"x" * 100_000
    response = httpx.post(f"{server}/graphql", content=chunks())
    assert response.status_code == 413


def test_an_unfinished_body_is_answered_408_not_held_open(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                     b"content-length: 1000\r\n\r\n{\"query\":")
        answer = conn.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 408")
