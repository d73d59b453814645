"""similarIdeas at 10k and 100k indexed ideas: raw nameko RPC and through the gateway.

Encoding 100k texts on 2 CPUs would take about 20 minutes, so the bulk is loaded straight
into the running insights service's database as random unit vectors (rows the service
picks up on its next search, as it would rows written by another replica). Everything the
query does is real: the typed text is encoded by the model, the exact search scans every
indexed row, and the hits (random vectors score ~0, below SIMILAR_MIN, so the hits are the
seeded ideas) are hydrated through the ideas service by the gateway."""
from __future__ import annotations

import sqlite3
import uuid

import httpx
import numpy as np
from nameko.standalone.rpc import ClusterRpcProxy

from benchmarks.bench_rpc import timed
from shared.identity import Identity, context_for

SIZES = (10_000, 100_000)
ROUNDS = 100
QUERIES = [
    "Operators walk too far to fetch screws at the assembly line",
    "Forklifts and pickers meet in the narrow aisle",
    "Customers wait too long for answers about late deliveries",
    "The label printer is far from the packing tables",
    "Night shift starts late because parts are not kitted",
    "Too much scrap from the cutting machine",
    "New starters do not know the standard work",
    "Meeting rooms are double booked",
]
GQL = ("query($t: String!) { similarIdeas(text: $t, first: 5) "
       "{ score possibleDuplicate idea { id title } } }")


def _fill(db_path: str, target: int, rng: np.random.Generator) -> int:
    """Adds random unit-vector ideas until `target` active ideas are indexed."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        have = con.execute("SELECT count(*) FROM documents WHERE kind='IDEA' AND active=1"
                           ).fetchone()[0]
        rev = con.execute("SELECT coalesce(max(rev), 0) FROM documents").fetchone()[0] + 1
        created = con.execute("SELECT created_at FROM documents LIMIT 1").fetchone()[0]
        missing = max(0, target - have)
        vectors = rng.standard_normal((missing, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        con.executemany(
            "INSERT INTO documents (kind, id, title, text, status, author_id, active, theme_id,"
            " created_at, rev, extra, embedding) VALUES ('IDEA', ?, 'bulk', '', 'SUBMITTED',"
            " NULL, 1, NULL, ?, ?, '{}', ?)",
            [(str(uuid.uuid4()), created, rev, v.tobytes()) for v in vectors])
        con.commit()
        return have + missing
    finally:
        con.close()


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    me = stack.gql("{ me { id roles team } }", token=token)["me"]
    identity = Identity(me["id"], tuple(me["roles"]), me["team"])
    db_path = str(stack.var_dir / "insights.db")
    rng = np.random.default_rng(0)
    rows = []
    cycle = iter(range(10**9))

    def next_query() -> str:
        return QUERIES[next(cycle) % len(QUERIES)]

    with ClusterRpcProxy({"AMQP_URI": stack.amqp_uri}, context_data=context_for(identity),
                         timeout=60) as cluster, \
            httpx.Client(base_url=stack.url, timeout=60,
                         headers={"authorization": f"Bearer {token}"}) as http:
        for size in SIZES:
            indexed = _fill(db_path, size, rng)
            cluster.insights.similar_ideas(QUERIES[0], first=5)  # loads the new rows
            raw = timed(lambda: cluster.insights.similar_ideas(next_query(), first=5),
                        ROUNDS)
            rows.append({"name": f"RPC similar_ideas @ {indexed // 1000}k ideas", **raw})

            def through_gateway() -> None:
                body = http.post("/graphql", json={"query": GQL,
                                                   "variables": {"t": next_query()}})
                body.raise_for_status()
                assert "errors" not in body.json(), body.text

            via = timed(through_gateway, ROUNDS)
            rows.append({"name": f"gateway similarIdeas @ {indexed // 1000}k ideas", **via,
                         "ratio_vs_rpc": via["p50_ms"] / raw["p50_ms"]})
    return rows
