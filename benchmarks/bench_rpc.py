"""RPC floor vs the gateway: the same read, raw over nameko and through GraphQL, and where
the difference goes (benchmarks/gateway_costs.py times each piece in this process)."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

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


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    me = stack.gql("{ me { id roles team } }", token=token)["me"]
    idea_id = stack.gql("{ ideas(first: 1) { edges { node { id } } } }",
                        token=token)["ideas"]["edges"][0]["node"]["id"]
    identity = Identity(me["id"], tuple(me["roles"]), me["team"])
    query = {"query": "query($id: ID!) { idea(id: $id) { id title } }",
             "variables": {"id": idea_id}}
    with cluster_proxy(identity, "gateway", {"AMQP_URI": stack.amqp_uri},
                       timeout=10) as cluster, httpx.Client(
            base_url=stack.url, headers={"authorization": f"Bearer {token}"}) as http:
        timings = interleaved({
            "nameko RPC ping (floor)": cluster.ideas.ping,
            "nameko RPC get_ideas([id])": lambda: cluster.ideas.get_ideas([idea_id]),
            "gateway idea(id) (same read)":
                lambda: http.post("/graphql", json=query).raise_for_status(),
        })
        idea = cluster.ideas.get_ideas([idea_id])[0]
        person = cluster.career.get_people([me["id"]])[0]
    rows = [{"name": name, **figures} for name, figures in timings.items()]
    rows[-1]["ratio_vs_rpc"] = rows[-1]["p50_ms"] / rows[1]["p50_ms"]
    return rows + split({**person, "roles": me["roles"], "team": me["team"]}, idea)
