"""Search at a million ideas: the approximate index (HNSW, int8) against the exact scan.

`KAIZEN_BENCH_ANN_SIZE` realistic vectors (default 1,000,000), made as bench_insights_gateway
makes its bulk: each is normalise(a*base + (1-a)*another base of the same topic + noise), the
2,016 bases being the real model's embeddings of idea texts (cached in var/bench). Measured
in one run: the exact index's memory and search p50/p99 (VectorIndex, the reference), the
approximate index's build time, memory and search p50/p99, and its recall@10 against the
exact top 10 over the same queries. The ids are UUID strings, as the database's.

Memory per kind, three parts: usearch's graph and int8 vectors as resident in a fresh
process that loads them (RSS delta; usearch's own figure counts its reserved arenas too),
the id maps (the bytes of their numpy arrays, and what tracemalloc saw the build keep:
every Python and numpy allocation still held after it), and the sum of the two.
`KAIZEN_BENCH_ANN_M` sets the graph's connectivity (default ann_index.CONNECTIVITY),
`KAIZEN_BENCH_ANN_EF_ADD` its candidate list while inserting (default ann_index.EXPANSION_ADD).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid

import numpy as np

from benchmarks.bench_insights_gateway import TOPICS, base_texts, base_vectors
from services.insights import ann_index
from services.insights.ann_index import ApproximateIndex
from services.insights.vector_index import VectorIndex
from shared.settings import ROOT

SIZE = int(os.environ.get("KAIZEN_BENCH_ANN_SIZE") or 1_000_000)
CONNECTIVITY = int(os.environ.get("KAIZEN_BENCH_ANN_M") or ann_index.CONNECTIVITY)
EXPANSION_ADD = int(os.environ.get("KAIZEN_BENCH_ANN_EF_ADD") or ann_index.EXPANSION_ADD)
QUERIES = 500
EXACT_QUERIES = 50  # the exact scan costs ~0.1 s a query at 1M
CHUNK = 50_000
MIB = 2**20


def realistic(count: int, seed: int) -> np.ndarray:
    bases = base_texts()
    vectors = base_vectors([b[2] for b in bases])
    topics = sorted(TOPICS)
    topic_of = np.array([topics.index(b[0]) for b in bases])
    members = [np.flatnonzero(topic_of == t) for t in range(len(topics))]
    rng = np.random.default_rng(seed)
    out = np.empty((count, vectors.shape[1]), dtype=np.float32)
    for lo in range(0, count, CHUNK):
        n = min(CHUNK, count - lo)
        picks = rng.integers(0, len(bases), n)
        others = np.array([rng.choice(members[topic_of[p]]) for p in picks])
        mix = rng.uniform(0.6, 1.0, (n, 1)).astype(np.float32)
        noise = rng.standard_normal((n, vectors.shape[1])).astype(np.float32) * (0.25 / 384**0.5)
        block = mix * vectors[picks] + (1 - mix) * vectors[others] + noise
        out[lo:lo + n] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def rss_mib() -> float:
    status = open("/proc/self/status").read()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def timed_searches(index, queries: np.ndarray, **options) -> tuple[list[list], float, float]:
    found, samples = [], []
    for query in queries:
        started = time.perf_counter()
        found.append([i for i, _ in index.search(query, 10, **options)])
        samples.append(time.perf_counter() - started)
    p50, p99 = np.percentile(np.asarray(samples) * 1000, [50, 99])
    return found, float(p50), float(p99)


def exact_top10(vectors: np.ndarray, queries: np.ndarray, ids: list[str]) -> list[set]:
    top = []
    for lo in range(0, len(queries), 25):  # 25 x 1M scores at a time: 100 MB
        scores = queries[lo:lo + 25] @ vectors.T
        top += [{ids[i] for i in r.tolist()}
                for r in np.argpartition(-scores, 10, axis=1)[:, :10]]
    return top


def uuid_ids(count: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return [str(uuid.UUID(bytes=raw.tobytes(), version=4))
            for raw in rng.integers(0, 256, (count, 16), dtype=np.uint8)]


LOAD = """
import re, sys
from services.insights.ann_index import _usearch_index
def rss():
    return int(re.search(r"VmRSS:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
index = _usearch_index()(ndim=384, metric="cos", dtype="i8")
before = rss()
index.load(sys.argv[1])
print((rss() - before) / 1024)
"""


def loaded_rss(approximate: ApproximateIndex) -> float:
    """What the graph and its int8 vectors take resident, without the build's leftovers:
    saved, then loaded by a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "index.usearch")
        approximate._index.save(path)
        out = subprocess.run([sys.executable, "-c", LOAD, path], capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout
    return float(out.split()[-1])


def more_candidates(approximate, queries, recall_of, position, vectors, size) -> list[dict]:
    """The same searches re-ranking twice as many of the graph's candidates."""
    rescore = ann_index.RESCORE_FACTOR
    ann_index.RESCORE_FACTOR = 2 * rescore
    try:
        found, p50, p99 = timed_searches(
            approximate, queries, rescore=lambda ids: vectors[[position[i] for i in ids]])
    finally:
        ann_index.RESCORE_FACTOR = rescore
    best = f"best {20 * rescore} re-ranked"
    return [row(f"approximate + {best} search p50 @ {size}", p50, "ms"),
            row(f"approximate + {best} search p99 @ {size}", p99, "ms"),
            row(f"approximate + {best} recall@10 @ {size}", recall_of(found), "")]


def row(name: str, value: float, unit: str, notes: str = "") -> dict:
    return {"name": name, "value": round(value, 3), "unit": unit, "notes": notes}


def main() -> list[dict]:
    vectors = realistic(SIZE, seed=7)
    queries = realistic(QUERIES, seed=8)
    ids = uuid_ids(SIZE, seed=9)
    size = f"{SIZE // 1000}k"
    rows = []

    exact = VectorIndex()
    exact.add(ids, vectors)
    _, exact_p50, exact_p99 = timed_searches(exact, queries[:EXACT_QUERIES])
    rows.append(row(f"exact index memory @ {size}", exact.capacity * 384 * 4 / MIB, "MiB",
                    "float32 matrix"))
    rows.append(row(f"exact search p50 @ {size}", exact_p50, "ms", f"{EXACT_QUERIES} queries"))
    rows.append(row(f"exact search p99 @ {size}", exact_p99, "ms", f"{EXACT_QUERIES} queries"))
    del exact

    before = rss_mib()
    tracemalloc.start()
    started = time.perf_counter()
    approximate = ApproximateIndex.build(ids, vectors, threads=2, connectivity=CONNECTIVITY,
                                        expansion_add=EXPANSION_ADD)
    build_s = time.perf_counter() - started
    kept = tracemalloc.get_traced_memory()[0] / MIB
    tracemalloc.stop()
    added = rss_mib() - before
    found, p50, p99 = timed_searches(approximate, queries)
    truth = exact_top10(vectors, queries, ids)

    def recall_of(results: list[list]) -> float:
        return float(np.mean([len(t & set(f)) / 10 for t, f in zip(truth, results, strict=True)]))

    recall = recall_of(found)
    # the service ranks the graph's best 40 by their float32 embeddings (read from the
    # database by primary key; here from memory, so the read itself is not in these times)
    position = {item_id: n for n, item_id in enumerate(ids)}
    rescored, r_p50, r_p99 = timed_searches(
        approximate, queries, rescore=lambda found: vectors[[position[i] for i in found]])
    notes = (f"HNSW M={CONNECTIVITY}, ef_add={EXPANSION_ADD}, "
             f"ef={ann_index.EXPANSION_SEARCH}, int8; 2 threads")
    rows += [
        row(f"approximate build @ {size}", build_s, "s", notes),
        row(f"approximate usearch memory_usage @ {size}", approximate.memory_bytes / MIB,
            "MiB", "usearch's own figure: int8 vectors + graph + reserved arenas"),
        row(f"approximate int8 vectors @ {size}", SIZE * approximate.dim / MIB, "MiB"),
        row(f"approximate id maps @ {size}", approximate.id_map_bytes / MIB, "MiB",
            "their numpy arrays' bytes"),
        row(f"approximate id maps, tracemalloc @ {size}", kept, "MiB",
            "Python + numpy allocations the build left held"),
        row(f"approximate process RSS added @ {size}", added, "MiB",
            "build in this process: all of it, with usearch's arenas and freed-not-returned"),
        row(f"approximate search p50 @ {size}", p50, "ms", f"{QUERIES} queries, 1 thread"),
        row(f"approximate search p99 @ {size}", p99, "ms", f"{QUERIES} queries, 1 thread"),
        row(f"approximate recall@10 vs exact @ {size}", recall, "", f"{QUERIES} queries"),
        row(f"approximate + rescored search p50 @ {size}", r_p50, "ms",
            f"best {10 * ann_index.RESCORE_FACTOR} re-ranked by their float32 vectors "
            "(the service reads them from the DB)"),
        row(f"approximate + rescored search p99 @ {size}", r_p99, "ms"),
        row(f"approximate + rescored recall@10 vs exact @ {size}", recall_of(rescored), ""),
        *more_candidates(approximate, queries, recall_of, position, vectors, size),
        row(f"search p50 speed-up approximate / exact @ {size}", exact_p50 / p50, "x"),
        row(f"approximate index RSS as loaded @ {size}", loaded_rss(approximate), "MiB",
            "usearch's structures read back into a fresh process (no id maps)"),
    ]
    loaded = rows[-1]["value"]
    rows.insert(-1, row(f"approximate graph @ {size}", loaded - SIZE * approximate.dim / MIB,
                        "MiB", "as loaded, less the int8 vectors"))
    rows.append(row(f"approximate index memory per kind @ {size}",
                    loaded + approximate.id_map_bytes / MIB, "MiB",
                    "as loaded (vectors + graph) + id maps"))
    for r in rows:
        print(f"{r['name']:<48} {r['value']:>10.3f} {r['unit']:<4} {r['notes']}")
    return rows


if __name__ == "__main__":
    main()
