"""RPC floor vs the gateway: the same read, raw over nameko and through GraphQL."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import httpx
from nameko.standalone.rpc import ClusterRpcProxy

from shared.identity import Identity, context_for

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


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    me = stack.gql("{ me { id roles team } }", token=token)["me"]
    idea_id = stack.gql("{ ideas(first: 1) { edges { node { id } } } }",
                        token=token)["ideas"]["edges"][0]["node"]["id"]
    identity = Identity(me["id"], tuple(me["roles"]), me["team"])
    rows = []
    with ClusterRpcProxy({"AMQP_URI": stack.amqp_uri}, context_data=context_for(identity),
                         timeout=10) as cluster:
        rows.append({"name": "nameko RPC ping (floor)", **timed(cluster.ideas.ping)})
        rows.append({"name": "nameko RPC get_ideas([id])",
                     **timed(lambda: cluster.ideas.get_ideas([idea_id]))})
    query = {"query": "query($id: ID!) { idea(id: $id) { id title } }",
             "variables": {"id": idea_id}}
    with httpx.Client(base_url=stack.url, headers={"authorization": f"Bearer {token}"}) as http:
        rows.append({"name": "gateway idea(id) (same read)",
                     **timed(lambda: http.post("/graphql", json=query).raise_for_status())})
    rows[-1]["ratio_vs_rpc"] = rows[-1]["p50_ms"] / rows[1]["p50_ms"]
    return rows
