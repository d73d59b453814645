"""Notifications: event → in-app notification latency (a comment until the author's live
subscription receives it, through ideas' outbox, the broker, the notifications service's
outbox and the gateway), and one gateway process holding 1,000 open subscriptions: the
delivery p99 of one notice to all of them, and the gateway's memory per connection."""
from __future__ import annotations

import asyncio
import json
import statistics
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

ROUNDS = 60
WARMUP = 5
CONNECTIONS = 1000
FAN_OUT_ROUNDS = 5
ANA, BEN = "ana.silva@kaizen.example", "ben.okafor@kaizen.example"
SUBMIT = """mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
  ... on Idea { id } } }"""
COMMENT = """mutation($id: ID!, $body: String!) { commentOnIdea(id: $id, body: $body) {
  __typename } }"""
NOTICES = "subscription { notificationReceived { id } }"


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))] * 1000


async def subscribed(url: str, token: str):
    ws = await connect(url, subprotocols=["graphql-transport-ws"], open_timeout=60,
                       max_queue=None)
    await ws.send(json.dumps({"type": "connection_init",
                              "payload": {"authorization": f"Bearer {token}"}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": NOTICES}}))
    return ws


async def next_push(ws) -> float:
    while True:
        message = json.loads(await ws.recv())
        if message["type"] == "next":
            return time.perf_counter()


def rss_kib(pid_file: Path) -> int:
    pid = pid_file.read_text().strip()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def measure(stack) -> list[dict]:
    ana, ben = stack.token(ANA), stack.token(BEN)
    url = stack.url.replace("http", "ws") + "/graphql"
    async with httpx.AsyncClient(base_url=stack.url, timeout=60,
                                 headers={"authorization": f"Bearer {ben}"}) as http:
        idea = (await http.post("/graphql", json={"query": SUBMIT, "variables": {"input": {
            "title": "Benchmark idea", "problem": "p", "proposal": "q"}}},
            headers={"authorization": f"Bearer {ana}"})).json()["data"]["submitIdea"]

        async def comment() -> float:
            started = time.perf_counter()
            answer = await http.post("/graphql", json={"query": COMMENT, "variables": {
                "id": idea["id"], "body": "A benchmark comment"}})
            answer.raise_for_status()
            return started

        one = await subscribed(url, ana)
        await asyncio.sleep(0.5)
        latencies = []
        for n in range(WARMUP + ROUNDS):
            waiting = asyncio.ensure_future(next_push(one))
            started = await comment()
            received = await asyncio.wait_for(waiting, 30)
            if n >= WARMUP:
                latencies.append(received - started)
        await one.close()
        rows = [{"name": "comment → notificationReceived (1 sub)",
                 "p50_ms": pct(latencies, 0.5), "p95_ms": pct(latencies, 0.95),
                 "n": len(latencies)}]

        pid_file = stack.var_dir / "run" / "gateway.pid"
        await asyncio.sleep(1)
        before = rss_kib(pid_file)
        sockets = []
        for _wave in range(0, CONNECTIONS, 100):  # in waves, as clients would arrive
            sockets += await asyncio.gather(*(subscribed(url, ana) for _ in range(100)))
        await asyncio.sleep(2)
        after = rss_kib(pid_file)
        delivery = []
        for _ in range(FAN_OUT_ROUNDS):
            waiting = [asyncio.ensure_future(next_push(ws)) for ws in sockets]
            started = await comment()
            done = await asyncio.wait_for(asyncio.gather(*waiting), 120)
            delivery += [t - started for t in done]
        await asyncio.gather(*(ws.close() for ws in sockets))
    rows.append({"name": f"one notice to {CONNECTIONS} open subscriptions",
                 "p50_ms": statistics.median(delivery) * 1000, "p99_ms": pct(delivery, 0.99),
                 "n": len(delivery)})
    rows.append({"name": "gateway memory per open subscription",
                 "kib_per_connection": (after - before) / CONNECTIONS,
                 "rss_before_mib": before / 1024, "rss_after_mib": after / 1024})
    return rows


def run(stack) -> list[dict]:
    return asyncio.run(measure(stack))
