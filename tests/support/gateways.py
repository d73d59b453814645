"""A second gateway process on the running stack's broker and services, with settings of its
own (small rate limits, production mode): what a test changes stays out of the shared
gateway. Started as `make run` starts the gateway (uvicorn), stopped by its PID."""
from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from shared.settings import ROOT
from tests.support.postgres import free_port
from tests.support.stack import Stack

UVICORN = str(ROOT / ".venv" / "bin" / "uvicorn")


@dataclass
class Gateway:
    url: str
    process: subprocess.Popen

    def graphql(self, query: str, variables: dict | None = None,
                token: str | None = None) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables},
                          headers=headers, timeout=60)


def gateway_env(stack: Stack, **settings: str) -> dict:
    return {**stack.env, **settings}


def launch(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen([UVICORN, "gateway.app:app", "--host", "127.0.0.1", "--port",
                             str(port), "--no-access-log"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@contextlib.contextmanager
def gateway(stack: Stack, **settings: str) -> Iterator[Gateway]:
    """A gateway with `settings` (environment variables) on top of the stack's, once it
    answers /healthz."""
    port = free_port()
    process = launch(gateway_env(stack, **settings), port)
    running = Gateway(f"http://127.0.0.1:{port}", process)
    try:
        _wait_until_healthy(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def refused_start(stack: Stack, **settings: str) -> tuple[int, str]:
    """Starts a gateway that is expected to refuse to start: (exit status, its output)."""
    process = launch(gateway_env(stack, **settings), free_port())
    try:
        output, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise AssertionError(f"the gateway kept running:\n{output[-3000:]}") from None
    return process.returncode, output


def _wait_until_healthy(running: Gateway) -> None:
    for _ in range(240):
        if running.process.poll() is not None:
            raise RuntimeError(f"gateway exited:\n{running.process.stdout.read()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{running.url}/healthz", timeout=5).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError("gateway did not become healthy")
