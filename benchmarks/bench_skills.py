"""Benchmark the ESCO skills autocomplete: per-keystroke latency of SkillSearch.search.

    python benchmarks/bench_skills.py

Types each of 50 realistic queries one character at a time (every prefix is one keystroke)
against the full 13,939-skill index and reports p50/p99 latency: "cold" empties the prefix
cache before each query (a new user), "warm" replays the same keystrokes with it filled.
Also reports the one-off costs: parsing the CSV and building the index. The target is well
under 50 ms per keystroke; timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

try:
    import services.career  # noqa: F401
except ImportError:  # run from a checkout without an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.career.taxonomy import SkillSearch, load_esco_skills  # noqa: E402

FIRST = 10
QUERIES = [
    "python", "java", "sql", "excel", "spreadsheet", "project management", "lean manufacturing",
    "six sigma", "kaizen", "continuous improvement", "root cause analysis", "quality assurance",
    "statistical process control", "data analysis", "machine learning", "team leadership",
    "manage staff", "coach employees", "negotiate contracts", "public speaking",
    "customer service", "sales", "marketing strategy", "budget", "financial reporting",
    "accounting", "risk management", "health and safety", "first aid", "forklift",
    "welding", "cnc", "maintenance", "electrical wiring", "plumbing", "carpentry",
    "cooking", "food safety", "nursing care", "teach", "translate", "english",
    "german", "graphic design", "photoshop", "web development", "javascript",
    "cloud computing", "cyber security", "supply chain",
]


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000,
        "max_ms": ordered[-1] * 1000,
        "n": len(ordered),
    }


def keystrokes(search: SkillSearch, cold: bool) -> list[float]:
    samples = []
    for query in QUERIES:
        if cold:
            search._cache.clear()
        for k in range(1, len(query) + 1):
            start = time.perf_counter()
            search.search(query[:k], FIRST)
            samples.append(time.perf_counter() - start)
    return samples


def main() -> list[dict]:
    start = time.perf_counter()
    skills = load_esco_skills()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    search = SkillSearch(skills)
    build_s = time.perf_counter() - start
    keystrokes(search, cold=True)  # warm up the interpreter
    rows = [
        {"name": "skills: parse ESCO CSV", "seconds": load_s, "skills": len(skills)},
        {"name": "skills: build search index", "seconds": build_s},
        {"name": "skills: keystroke, cold cache", **percentiles(keystrokes(search, cold=True))},
        {"name": "skills: keystroke, warm cache", **percentiles(keystrokes(search, cold=False))},
    ]
    return rows


if __name__ == "__main__":
    for row in main():
        print("  ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                        for k, v in row.items()))
