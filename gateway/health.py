"""/healthz: 200 only when the broker and every service answer a ping."""
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
