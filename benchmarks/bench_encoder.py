"""Benchmark the insights model core: encoder, vector index and pool clustering.

    python benchmarks/bench_encoder.py

Measures, in one run: encode throughput of our Encoder vs sentence-transformers on the same
512 idea texts; single-text latency (p50/p99 over 200 calls); VectorIndex search latency at
10k and 100k random unit vectors; cluster_pool time at 10k vectors. Prints a plain table;
``main()`` returns the rows as dicts. Timings on a shared 2-core machine are noisy: the
throughput figures are the best of a few interleaved runs.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

try:
    import services.insights  # noqa: F401
except ImportError:  # run from a checkout without an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.insights.clustering import cluster_pool  # noqa: E402
from services.insights.encoder import get_encoder  # noqa: E402
from services.insights.thresholds import THEME_CLUSTER  # noqa: E402
from services.insights.vector_index import VectorIndex, normalize_rows  # noqa: E402

N_TEXTS = 512
BATCH_SIZE = 32
LATENCY_CALLS = 200
SEARCH_QUERIES = 200
DIM = 384

_VERBS = ["Reduce", "Cut", "Shorten", "Automate", "Standardise", "Simplify", "Visualise", "Fix"]
_OBJECTS = [
    "waiting time at the packing station",
    "changeover time on press 4",
    "the number of clicks to book a meeting room",
    "walking distance between the warehouse and line 2",
    "paper forms in the quality inspection",
    "duplicate data entry in the order system",
    "downtime caused by missing spare parts",
    "the queue at the canteen at noon",
    "scrap from misaligned labels",
    "handover time between shifts",
]
_REASONS = [
    "because operators wait up to ten minutes per order",
    "since customers complain about late deliveries",
    "so new colleagues can learn the process faster",
    "which would save roughly two hours a week per team",
    "as the current process causes frequent mistakes",
    "",
]
_DETAILS = [
    "We tried a pilot last month with a shadow board and the results looked promising.",
    "A simple checklist next to the machine could prevent most of the errors we see.",
    "The night shift has a workaround that nobody documented; we should standardise it.",
    "Moving the printer closer would remove about forty steps per order.",
    "Colour-coded bins would make it obvious which parts are running low.",
    "Let's measure the baseline for two weeks before changing anything.",
]


def idea_texts(n: int = N_TEXTS, seed: int = 42) -> list[str]:
    """Deterministic, varied improvement ideas: one-liners up to several sentences."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_REASONS)}".strip() + "."
        extra = rng.choices([0, 1, 2, 4, 8], weights=[40, 25, 15, 12, 8])[0]
        if extra:
            text += " " + " ".join(rng.choice(_DETAILS) for _ in range(extra))
        texts.append(text)
    return texts


def _percentiles(samples: list[float]) -> tuple[float, float]:
    p50, p99 = np.percentile(np.asarray(samples) * 1000.0, [50, 99])
    return float(p50), float(p99)


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _row(name: str, value: float, unit: str, notes: str = "") -> dict:
    # "name" first: benchmarks/__main__.py prints each row as the name + key=value cells.
    return {"name": name, "value": round(value, 3), "unit": unit, "notes": notes}


def bench_encoders(rows: list[dict], repeats: int = 3) -> None:
    from sentence_transformers import SentenceTransformer

    texts = idea_texts()
    start = time.perf_counter()
    encoder = get_encoder()
    rows.append(_row("encoder load (ours)", time.perf_counter() - start, "s"))
    start = time.perf_counter()
    reference = SentenceTransformer(encoder.model_path, device="cpu")
    rows.append(_row("encoder load (sentence-transformers)", time.perf_counter() - start, "s"))

    def ours() -> np.ndarray:
        return encoder.encode(texts, batch_size=BATCH_SIZE)

    def theirs() -> np.ndarray:
        return reference.encode(
            texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True
        )

    ours()  # warm up both once
    theirs()
    ours_t, theirs_t = [], []
    for _ in range(repeats):  # interleaved so background load hits both alike
        ours_t.append(_time(ours))
        theirs_t.append(_time(theirs))
    ours_rate = N_TEXTS / min(ours_t)
    theirs_rate = N_TEXTS / min(theirs_t)
    agreement = float(np.min(np.sum(ours() * theirs(), axis=1)))
    tokens = [len(encoder._tokenizer(t)["input_ids"]) for t in texts]
    note = f"{N_TEXTS} texts, batch {BATCH_SIZE}, tokens median {int(np.median(tokens))} max "
    note += f"{max(tokens)}; best of {repeats}"
    rows.append(_row("encode throughput (ours)", ours_rate, "sent/s", note))
    rows.append(_row("encode throughput (sentence-transformers)", theirs_rate, "sent/s", note))
    rows.append(_row("throughput ratio ours / sentence-transformers", ours_rate / theirs_rate, "x"))
    rows.append(_row("min cosine ours vs sentence-transformers", agreement, "cos", "same texts"))

    # Alternate the two per call so background load on a shared machine hits both alike.
    ours_lat, theirs_lat = [], []
    for i in range(LATENCY_CALLS):
        text = texts[i % N_TEXTS]
        ours_lat.append(_time(lambda text=text: encoder.encode_one(text)))
        theirs_lat.append(
            _time(lambda text=text: reference.encode([text], normalize_embeddings=True))
        )
    for who, samples in (("ours", ours_lat), ("sentence-transformers", theirs_lat)):
        p50, p99 = _percentiles(samples)
        note = f"{LATENCY_CALLS} calls, interleaved"
        rows.append(_row(f"single-text latency p50 ({who})", p50, "ms", note))
        rows.append(_row(f"single-text latency p99 ({who})", p99, "ms", note))


def bench_index(rows: list[dict], sizes: tuple[int, ...] = (10_000, 100_000)) -> None:
    rng = np.random.default_rng(0)
    for n in sizes:
        vectors = normalize_rows(rng.standard_normal((n, DIM), dtype=np.float32))
        index = VectorIndex(dim=DIM)
        start = time.perf_counter()
        for lo in range(0, n, 10_000):  # grows chunk by chunk, as a live service would
            index.add(range(lo, min(lo + 10_000, n)), vectors[lo : lo + 10_000])
        add_s = time.perf_counter() - start
        queries = normalize_rows(rng.standard_normal((SEARCH_QUERIES, DIM), dtype=np.float32))
        exclude = set(range(50))
        index.search(queries[0], k=10)  # warm up
        lat = []
        for query in queries:
            start = time.perf_counter()
            index.search(query, k=10, exclude=exclude)
            lat.append(time.perf_counter() - start)
        p50, p99 = _percentiles(lat)
        note = f"k=10, {SEARCH_QUERIES} queries, exclude 50 ids"
        rows.append(_row(f"index add {n // 1000}k (10k per call)", add_s, "s"))
        rows.append(_row(f"index search p50 @ {n // 1000}k", p50, "ms", note))
        rows.append(_row(f"index search p99 @ {n // 1000}k", p99, "ms", note))


def planted_vectors(n: int, n_themes: int = 150, seed: int = 1) -> np.ndarray:
    """Vectors around ``n_themes`` directions (cosine to centre ~0.75), a third pure noise."""
    rng = np.random.default_rng(seed)
    centres = normalize_rows(rng.standard_normal((n_themes, DIM), dtype=np.float32))
    n_noise = n // 3
    labels = rng.integers(0, n_themes, n - n_noise)
    themed = centres[labels] + 0.045 * rng.standard_normal((len(labels), DIM), dtype=np.float32)
    noise = rng.standard_normal((n_noise, DIM), dtype=np.float32)
    return normalize_rows(np.concatenate([themed, noise]))


def bench_clustering(rows: list[dict], n: int = 10_000) -> None:
    ids = list(range(n))
    rng = np.random.default_rng(2)
    for name, vectors in (
        ("random", normalize_rows(rng.standard_normal((n, DIM), dtype=np.float32))),
        ("planted themes", planted_vectors(n)),
    ):
        start = time.perf_counter()
        clusters = cluster_pool(ids, vectors, threshold=THEME_CLUSTER, min_size=3)
        elapsed = time.perf_counter() - start
        covered = sum(map(len, clusters))
        note = (f"{name}: {len(clusters)} clusters, {covered} ids; threshold {THEME_CLUSTER}, "
                "min_size 3")
        rows.append(_row(f"cluster_pool {n // 1000}k ({name})", elapsed, "s", note))


def print_table(rows: list[dict]) -> None:
    width = max(len(r["name"]) for r in rows)
    print(f"{'name':<{width}}  {'value':>12}  {'unit':<7}  notes")
    print("-" * (width + 40))
    for r in rows:
        print(f"{r['name']:<{width}}  {r['value']:>12.3f}  {r['unit']:<7}  {r['notes']}")


def _load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def main() -> list[dict]:
    import torch

    rows: list[dict] = []
    load_before = _load_average()
    bench_encoders(rows)
    bench_index(rows)
    bench_clustering(rows)
    cpus = f"{os.cpu_count()} CPUs; torch {torch.__version__}"
    rows.append(_row("torch intra-op threads", torch.get_num_threads(), "threads", cpus))
    rows.append(_row("load average (1 min) at start", load_before, "procs"))
    rows.append(_row("load average (1 min) at end", _load_average(), "procs"))
    print_table(rows)
    return rows


if __name__ == "__main__":
    main()
