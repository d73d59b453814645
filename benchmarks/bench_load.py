"""Load: 50 signed-in people at once for 60 s on a realistic mix, through the gateway and
against the raw RPC ceiling (the same calls straight over nameko, 50 threads).

Each person loops without pause over a weighted mix: the board (`ideas(first: 20)`), an idea
page (`idea(id)` with its comments), similar ideas while typing a title (`similarIdeas`),
a vote, a comment, a submission. Printed per side: requests per second, p50, p99, errors;
then the gateway's throughput as a share of the raw ceiling. `KAIZEN_BENCH_LOAD_SECONDS`
and `KAIZEN_BENCH_LOAD_PEOPLE` change the defaults (60, 50).
"""
from __future__ import annotations

import asyncio
import os
import random
import threading
import time

import httpx
import numpy as np

from shared.identity import Identity
from shared.rpc import cluster_proxy

SECONDS = float(os.environ.get("KAIZEN_BENCH_LOAD_SECONDS") or 60)
PEOPLE = int(os.environ.get("KAIZEN_BENCH_LOAD_PEOPLE") or 50)
MIX = {"board": 30, "idea page": 30, "similar while typing": 20, "vote": 8, "comment": 7,
       "submit": 5}
TYPED = ["Reduce waiting at the packing station", "Shadow board for torque wrenches",
         "Cut changeover time on press four", "Healthier food in the canteen"]
BOARD = "{ ideas(first: 20) { edges { node { id title voteCount author { name } } } } }"
PAGE = ("query($id: ID!) { idea(id: $id) { id title problem proposal status voteCount "
        "author { name } comments { id body } } }")
SIMILAR = "query($t: String!) { similarIdeas(text: $t, first: 5) { score idea { id title } } }"
VOTE = "mutation($id: ID!) { voteIdea(id: $id) { __typename } }"
COMMENT = "mutation($id: ID!, $b: String!) { commentOnIdea(id: $id, body: $b) { __typename } }"
SUBMIT = ("mutation($t: String!) { submitIdea(input: {title: $t, problem: \"load test\"}) "
          "{ __typename } }")


def pick(rng: random.Random) -> str:
    return rng.choices(list(MIX), weights=list(MIX.values()))[0]


def graphql_call(kind: str, rng: random.Random, idea_ids: list[str]) -> dict:
    idea = rng.choice(idea_ids)
    text = rng.choice(TYPED)
    return {"board": {"query": BOARD},
            "idea page": {"query": PAGE, "variables": {"id": idea}},
            "similar while typing": {"query": SIMILAR,
                                     "variables": {"t": text[:rng.randint(12, 40)]}},
            "vote": {"query": VOTE, "variables": {"id": idea}},
            "comment": {"query": COMMENT, "variables": {"id": idea, "b": "Good point, +1"}},
            "submit": {"query": SUBMIT, "variables": {"t": f"{text} ({rng.randint(1, 10**9)})"}},
            }[kind]


def summary(side: str, samples: list[float], errors: int, seconds: float,
            first_error: str = "") -> dict:
    ms = np.asarray(samples) * 1000 if samples else np.zeros(1)
    p50, p99 = np.percentile(ms, [50, 99])
    return {"name": f"load {side}", "rps": round(len(samples) / seconds, 1),
            "p50_ms": round(float(p50), 1), "p99_ms": round(float(p99), 1),
            "p99_over_p50": round(float(p99 / p50), 1) if p50 else 0.0, "errors": errors,
            "requests": len(samples), "first_error": first_error[:160]}


async def through_gateway(url: str, tokens: list[str], idea_ids: list[str]) -> dict:
    samples: list[float] = []
    errors = 0
    first_error = ""
    deadline = time.perf_counter() + SECONDS

    async def person(n: int) -> None:
        nonlocal errors, first_error
        rng = random.Random(n)
        headers = {"authorization": f"Bearer {tokens[n % len(tokens)]}"}
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as http:
            while time.perf_counter() < deadline:
                body = graphql_call(pick(rng), rng, idea_ids)
                started = time.perf_counter()
                response = await http.post("/graphql", json=body)
                samples.append(time.perf_counter() - started)
                if response.status_code != 200 or "errors" in response.json():
                    errors += 1
                    first_error = first_error or f"{response.status_code} {response.text}"

    started = time.perf_counter()
    await asyncio.gather(*(person(n) for n in range(PEOPLE)))
    return summary("through the gateway", samples, errors, time.perf_counter() - started,
                   first_error)


def rpc_call(cluster, kind: str, rng: random.Random, idea_ids: list[str]) -> None:
    idea = rng.choice(idea_ids)
    text = rng.choice(TYPED)
    if kind == "board":
        page = cluster.ideas.list_ideas(first=20)
        cluster.career.get_people(list({i["author_id"] for i in page["items"]}))
    elif kind == "idea page":
        [dto] = cluster.ideas.get_ideas([idea])
        cluster.career.get_people([dto["author_id"]])
    elif kind == "similar while typing":
        hits = cluster.insights.similar_ideas(text[:rng.randint(12, 40)], 5)
        cluster.ideas.get_ideas([h["idea_id"] for h in hits])
    elif kind == "vote":
        cluster.ideas.vote_idea(idea)
    elif kind == "comment":
        cluster.ideas.comment_on_idea(idea, "Good point, +1")
    else:
        cluster.ideas.submit_idea({"title": f"{text} ({rng.randint(1, 10**9)})",
                                   "problem": "load test"})


def raw_rpc(amqp_uri: str, identities: list[Identity], idea_ids: list[str]) -> dict:
    samples: list[float] = []
    errors: list = [0, ""]
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def person(n: int) -> None:
        rng = random.Random(n)
        with cluster_proxy(identities[n % len(identities)], "gateway", {"AMQP_URI": amqp_uri},
                           timeout=60) as rpc:
            while time.perf_counter() < deadline:
                kind = pick(rng)
                started = time.perf_counter()
                try:
                    rpc_call(rpc, kind, rng, idea_ids)
                except Exception as exc:
                    with lock:
                        errors[0] += 1
                        errors[1] = errors[1] or f"{kind}: {type(exc).__name__} {exc}"
                with lock:
                    samples.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary("raw RPC (ceiling)", samples, errors[0], time.perf_counter() - started,
                   errors[1])


def run(stack) -> list[dict]:
    people = httpx.get(f"{stack.url}/auth/dev-people", timeout=30).json()
    tokens = [stack.token(p["email"]) for p in people[:PEOPLE]]
    identities = []
    for token in tokens:
        me = stack.gql("{ me { id roles team } }", token=token)["me"]
        identities.append(Identity(me["id"], tuple(me["roles"]), me["team"]))
    board = stack.gql("{ ideas(first: 50) { edges { node { id } } } }", token=tokens[0])
    idea_ids = [e["node"]["id"] for e in board["ideas"]["edges"]]
    rows = [raw_rpc(stack.amqp_uri, identities, idea_ids)]
    rows.append(asyncio.run(through_gateway(stack.url, tokens, idea_ids)))
    rows[-1]["rps_vs_raw"] = round(rows[-1]["rps"] / rows[0]["rps"], 2) if rows[0]["rps"] else 0
    return rows
