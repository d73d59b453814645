"""The gateway's health endpoints.

- /livez: the process and its event loop answer; no dependency, so an outage of the broker
  or a service never restarts a gateway pod (Kubernetes' liveness probe).
- /readyz: this pod reaches the broker (the readiness probe): without it no field can be
  answered. One service down does not make the pod unready; its fields fail alone.
- /healthz: the whole system, for people and scripts (`make run` waits on it): 200 only
  when the broker and every service answer a ping.
"""
from __future__ import annotations

import asyncio

from kombu import Connection

from gateway.rpc import RpcClient


def broker_up(amqp_uri: str) -> bool:
    try:
        with Connection(amqp_uri, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:
        return False


async def ready(amqp_uri: str) -> dict:
    if await asyncio.to_thread(broker_up, amqp_uri):
        return {"status": "ok"}
    return {"status": "down", "down": ["rabbitmq"]}


async def check(rpc: RpcClient, amqp_uri: str, services: list[str]) -> dict:
    if not await asyncio.to_thread(broker_up, amqp_uri):
        return {"status": "down", "down": ["rabbitmq"]}

    async def ping(service: str) -> bool:
        try:
            answer = await rpc.call(service, "ping", timeout=3)
            return answer == "pong"
        except Exception:
            return False

    answers = await asyncio.gather(*(ping(s) for s in services))
    down = [s for s, ok in zip(services, answers, strict=True) if not ok]
    return {"status": "down", "down": down} if down else {"status": "ok"}
