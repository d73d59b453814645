"""RPC floor vs the gateway: the same read, raw over nameko and through GraphQL, and where
the difference goes (benchmarks/gateway_costs.py times each piece in this process).

The gateway is called over one kept-alive HTTP/1.1 connection (`KeptAlive`, the standard
library's client, as a browser keeps its connection): httpx's own client cost 2.5 ms more
a request than this one against the same gateway process (measured interleaved at load 13),
more than the gateway's whole event-loop share (py-spy: about 1 ms of Python per request),
so it gets a row of its own next to the HTTP server's floor (`/livez`), and the ratio is
taken on the lean client."""
from __future__ import annotations

import http.client
import json
import statistics
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from benchmarks.gateway_costs import split
from shared.identity import Identity
from shared.rpc import cluster_proxy

ROUNDS = 300
WARMUP = 30


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[int(len(ordered) * 0.99) - 1] * 1000,
        "n": len(ordered),
    }


def timed(call: Callable[[], object], rounds: int = ROUNDS) -> dict:
    for _ in range(WARMUP):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def interleaved(calls: dict[str, Callable[[], object]], rounds: int = ROUNDS) -> dict:
    """Each call once per round, in turn, so background load on a shared machine hits all
    alike; percentiles per call."""
    for _ in range(WARMUP):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append(time.perf_counter() - started)
    return {name: percentiles(times) for name, times in samples.items()}


class KeptAlive:
    """POSTs JSON over one kept-alive connection; fails loudly on any status but 200."""

    def __init__(self, url: str, headers: dict[str, str]):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.headers = {"content-type": "application/json", **headers}

    def post(self, path: str, body: dict) -> bytes:
        self.connection.request("POST", path, json.dumps(body).encode(), self.headers)
        response = self.connection.getresponse()
        answer = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {answer[:200]!r}")
        return answer

    def close(self) -> None:
        self.connection.close()


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    me = stack.gql("{ me { id roles team } }", token=token)["me"]
    idea_id = stack.gql("{ ideas(first: 1) { edges { node { id } } } }",
                        token=token)["ideas"]["edges"][0]["node"]["id"]
    identity = Identity(me["id"], tuple(me["roles"]), me["team"])
    query = {"query": "query($id: ID!) { idea(id: $id) { id title } }",
             "variables": {"id": idea_id}}
    bearer = {"authorization": f"Bearer {token}"}
    lean = KeptAlive(stack.url, bearer)
    with cluster_proxy(identity, "gateway", {"AMQP_URI": stack.amqp_uri},
                       timeout=10) as cluster, httpx.Client(base_url=stack.url,
                                                            headers=bearer) as http:
        timings = interleaved({
            "nameko RPC ping (floor)": cluster.ideas.ping,
            "nameko RPC get_ideas([id])": lambda: cluster.ideas.get_ideas([idea_id]),
            "gateway idea(id) (same read)": lambda: lean.post("/graphql", query),
            "gateway idea(id), httpx client":
                lambda: http.post("/graphql", json=query).raise_for_status(),
            "gateway /livez, httpx client (HTTP floor)":
                lambda: http.get("/livez").raise_for_status(),
        })
        idea = cluster.ideas.get_ideas([idea_id])[0]
        person = cluster.career.get_people([me["id"]])[0]
    lean.close()
    rows = [{"name": name, **figures} for name, figures in timings.items()]
    for row in rows[2:4]:
        row["ratio_vs_rpc"] = row["p50_ms"] / rows[1]["p50_ms"]
    return rows + split({**person, "roles": me["roles"], "team": me["team"]}, idea)
