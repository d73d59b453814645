"""Benchmark the insights model core: encoder, vector index and pool clustering.

    python benchmarks/bench_encoder.py

Measures, in one run: encode throughput of our Encoder (ONNX Runtime, fp32 and int8) vs
sentence-transformers (torch) on the same 512 idea texts, their ratio and the lowest cosine
between the two; single-text latency (p50/p99 over 200 calls) and its ratio; the peak RSS of
a fresh process that loads each and encodes 256 texts; VectorIndex search latency at
10k and 100k random unit vectors; cluster_pool time at 10k vectors. Prints a plain table;
``main()`` returns the rows as dicts. Timings on a shared 2-core machine are noisy: the
throughput figures are the best of a few interleaved runs.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

try:
    import services.insights  # noqa: F401
except ImportError:  # run from a checkout without an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.insights.clustering import cluster_pool  # noqa: E402
from services.insights.encoder import Encoder, _thread_count, get_encoder  # noqa: E402
from services.insights.thresholds import THEME_COMMUNITY  # noqa: E402
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


RSS_TEXTS = 256
PEAK_RSS = textwrap.dedent(
    """
    import json, re, sys
    from benchmarks.bench_encoder import idea_texts
    texts = idea_texts(int(sys.argv[3]))
    if sys.argv[1] == "ours":
        from services.insights.encoder import Encoder
        Encoder(precision=sys.argv[2]).encode(texts)
    else:
        import torch
        from sentence_transformers import SentenceTransformer
        from services.insights.encoder import _thread_count
        from services.insights.model_files import default_model_path
        torch.set_num_threads(_thread_count(None))
        SentenceTransformer(default_model_path(), device="cpu").encode(texts, batch_size=32)
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"torch", "transformers"})
    # VmHWM, not ru_maxrss: that one carries the parent's peak over fork and exec
    status = open("/proc/self/status").read()
    hwm_kib = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
    print(json.dumps({"rss_mib": hwm_kib / 1024, "heavy": heavy}))
    """
)


def peak_rss(who: str, precision: str = "fp32") -> dict:
    """Peak RSS of a fresh process that loads the model and encodes RSS_TEXTS texts."""
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", PEAK_RSS, who, precision,
                           str(RSS_TEXTS)],
                          cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                          capture_output=True, text=True, check=True, timeout=600)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_encoders(rows: list[dict], repeats: int = 3) -> None:
    """Our ONNX Runtime encoder (fp32, and int8 for comparison) against sentence-transformers
    (torch) on the same texts, interleaved so background load hits all alike."""
    import torch
    from sentence_transformers import SentenceTransformer

    texts = idea_texts()
    start = time.perf_counter()
    encoder = get_encoder()
    # Like for like: torch gets the intra-op threads our encoder uses (on a loaded 2-core box
    # torch's default team of 2 spins at its barriers, seconds per text).
    torch.set_num_threads(_thread_count(None))
    rows.append(_row(f"encoder load (ours, {encoder.precision})", time.perf_counter() - start,
                     "s", "hashes checked"))
    int8 = Encoder(precision="int8")
    start = time.perf_counter()
    reference = SentenceTransformer(encoder.model_path, device="cpu")
    rows.append(_row("encoder load (sentence-transformers)", time.perf_counter() - start, "s"))

    runs = {
        "ours": lambda: encoder.encode(texts, batch_size=BATCH_SIZE),
        "ours int8": lambda: int8.encode(texts, batch_size=BATCH_SIZE),
        "sentence-transformers": lambda: reference.encode(
            texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True),
    }
    for run in runs.values():
        run()  # warm up each once
    times: dict[str, list[float]] = {who: [] for who in runs}
    for _ in range(repeats):
        for who, run in runs.items():
            times[who].append(_time(run))
    rates = {who: N_TEXTS / min(t) for who, t in times.items()}
    theirs = runs["sentence-transformers"]()
    tokens = [len(ids) for ids in encoder.token_ids(texts)]
    note = f"{N_TEXTS} texts, batch {BATCH_SIZE}, tokens median {int(np.median(tokens))} max "
    note += f"{max(tokens)}; best of {repeats}"
    for who, rate in rates.items():
        rows.append(_row(f"encode throughput ({who})", rate, "sent/s", note))
    rows.append(_row("throughput ratio ours / sentence-transformers",
                     rates["ours"] / rates["sentence-transformers"], "x", "fp32"))
    rows.append(_row("throughput ratio ours int8 / sentence-transformers",
                     rates["ours int8"] / rates["sentence-transformers"], "x"))
    for who in ("ours", "ours int8"):
        agreement = float(np.min(np.sum(runs[who]() * theirs, axis=1)))
        rows.append(_row(f"min cosine {who} vs sentence-transformers", agreement, "cos",
                         f"{N_TEXTS} texts"))

    single = {
        "ours": encoder.encode_one,
        "ours int8": int8.encode_one,
        "sentence-transformers": lambda text: reference.encode([text], normalize_embeddings=True),
    }
    latency: dict[str, list[float]] = {who: [] for who in single}
    for i in range(LATENCY_CALLS):
        text = texts[i % N_TEXTS]
        for who, one in single.items():
            latency[who].append(_time(lambda text=text, one=one: one(text)))
    p50s = {}
    for who, samples in latency.items():
        p50s[who], p99 = _percentiles(samples)
        note = f"{LATENCY_CALLS} calls, interleaved"
        rows.append(_row(f"single-text latency p50 ({who})", p50s[who], "ms", note))
        rows.append(_row(f"single-text latency p99 ({who})", p99, "ms", note))
    rows.append(_row("single-text p50 ratio ours / sentence-transformers",
                     p50s["ours"] / p50s["sentence-transformers"], "x", "fp32"))
    rows.append(_row("single-text p50 ratio ours int8 / sentence-transformers",
                     p50s["ours int8"] / p50s["sentence-transformers"], "x"))

    for who, args in (("ours", ("ours", "fp32")), ("ours int8", ("ours", "int8")),
                      ("sentence-transformers", ("theirs", "fp32"))):
        measured = peak_rss(*args)
        note = f"fresh process, load + {RSS_TEXTS} texts; imports {measured['heavy'] or 'no'}"
        note += " torch/transformers"
        rows.append(_row(f"peak RSS encoding ({who})", measured["rss_mib"], "MiB", note))


def bench_duplicate_rescore(rows: list[dict], calls: int = 100) -> None:
    """What similarIdeas' duplicate score adds to a keystroke: before issue 20, one
    single-text encode; since, the same pass also returns the draft's word vectors, and the
    best DUPLICATE_RESCORE hits are matched word by word. Their word vectors came from a
    process cache (the same ideas keystroke after keystroke) or, cold, from one forward pass
    of their texts; since issue 19 they are read from the bytes stored with each idea's row.
    Interleaved, so that the machine's load falls on every side alike."""
    from services.insights import duplicates, idea_words, thresholds
    from services.insights.encoder import get_encoder

    encoder = get_encoder()
    texts = idea_texts()
    top = thresholds.DUPLICATE_RESCORE
    sides = {"before: encode the draft": [], "issue 20, hits cached": [],
             "issue 20, hits cold": [], "now, hits' words stored": []}
    for i in range(calls):
        draft, hits = texts[i % len(texts)], texts[(i + 1) % len(texts):][:top]
        _, cached = encoder.encode_words(hits)
        stored = [idea_words.to_bytes(w) for w in cached]

        def before(draft=draft):
            encoder.encode_one(draft)

        def warm(draft=draft, cached=cached):
            _, words = encoder.encode_words([draft])
            for other in cached:
                duplicates.pair_score(0.7, words[0], other)

        def cold(draft=draft, hits=hits):
            _, words = encoder.encode_words([draft])
            for other in encoder.encode_words(hits)[1]:
                duplicates.pair_score(0.7, words[0], other)

        def read(draft=draft, stored=stored):
            _, words = encoder.encode_words([draft])
            for blob in stored:
                duplicates.pair_score(0.7, words[0], idea_words.from_bytes(blob))

        for samples, fn in zip(sides.values(), (before, warm, cold, read), strict=True):
            samples.append(_time(fn))
    p50s = {}
    for name, samples in sides.items():
        p50s[name], p99 = _percentiles(samples)
        note = f"{calls} keystrokes, interleaved; top {top} re-scored"
        rows.append(_row(f"similarIdeas model cost p50 ({name})", p50s[name], "ms", note))
        rows.append(_row(f"similarIdeas model cost p99 ({name})", p99, "ms", note))
    for name in list(sides)[1:]:
        rows.append(_row(f"ratio {name} / before (p50)", p50s[name] /
                         p50s["before: encode the draft"], "x"))


def main_duplicates() -> list[dict]:
    """Only the duplicate re-score rows (``python -c "import benchmarks.bench_encoder as b;
    b.main_duplicates()"``)."""
    rows: list[dict] = []
    load_before = _load_average()
    bench_duplicate_rescore(rows)
    rows.append(_row("load average (1 min) at start", load_before, "procs"))
    rows.append(_row("load average (1 min) at end", _load_average(), "procs"))
    print_table(rows)
    return rows


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
        clusters = cluster_pool(ids, vectors, threshold=THEME_COMMUNITY, min_size=3)
        elapsed = time.perf_counter() - start
        covered = sum(map(len, clusters))
        note = (f"{name}: {len(clusters)} clusters, {covered} ids; threshold {THEME_COMMUNITY}, "
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
    rows: list[dict] = []
    load_before = _load_average()
    bench_encoders(rows)
    bench_duplicate_rescore(rows)
    bench_index(rows)
    bench_clustering(rows)
    import onnxruntime
    import torch

    cpus = f"{os.cpu_count()} CPUs; onnxruntime {onnxruntime.__version__}"
    rows.append(_row("encoder intra-op threads (ours)", _thread_count(None), "threads", cpus))
    rows.append(_row("torch intra-op threads (sentence-transformers)", torch.get_num_threads(),
                     "threads", f"torch {torch.__version__}"))
    rows.append(_row("load average (1 min) at start", load_before, "procs"))
    rows.append(_row("load average (1 min) at end", _load_average(), "procs"))
    print_table(rows)
    return rows


if __name__ == "__main__":
    main()
