"""Benchmark the chart read: a page of 20 experiments of 104 points each (two years of
weeks), the chart under each rule set and kind against today's run chart in the same run.

    .venv/bin/python -m benchmarks.bench_charts

A page's DTOs compute every experiment's chart; the ratio to `runchart.analyse` (the run
chart before metric kinds and rule sets) is what matters, not the milliseconds of a shared
machine.
"""
from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from services.experiments import charts, runchart

PAGE, POINTS, ROUNDS = 20, 104, 15
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def series(seed: int, ratio: bool) -> list[charts.Reading]:
    rng = random.Random(seed)
    out = []
    for i in range(POINTS):
        at = T0 + timedelta(weeks=i)
        if ratio:
            n = rng.randint(40, 80)
            k = rng.randint(0, n // 4)
            out.append(charts.Reading(at, k / n, k, n, baseline=i < 26))
        else:
            out.append(charts.Reading(at, rng.gauss(50, 5), baseline=i < 26))
    return out


def timed(fn) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> list[dict]:
    values = [series(s, False) for s in range(PAGE)]
    ratios = [series(s, True) for s in range(PAGE)]
    legacy = timed(lambda: [runchart.analyse([runchart.Point(r.at, r.value, r.note, r.baseline)
                                              for r in rs]) for rs in values])
    rows = [{"name": "charts: run chart before (baseline)", "page_ms": legacy * 1000,
             "ratio": 1.0}]
    for kind, rules, data in [("MEASURE", "IHI", values), ("MEASURE", "ANHOEJ", values),
                              ("MEASURE", "NHS", values), ("PROPORTION", "IHI", ratios),
                              ("PROPORTION", "NHS", ratios)]:
        took = timed(lambda data=data, kind=kind, rules=rules: [
            charts.build(kind, rules, rs, "DECREASE") for rs in data])
        rows.append({"name": f"charts: {kind} under {rules}", "page_ms": took * 1000,
                     "ratio": took / legacy})
    return rows


if __name__ == "__main__":
    for row in main():
        print(f"{row['name']:<40} page_ms={row['page_ms']:.2f}  ratio={row['ratio']:.2f}")
