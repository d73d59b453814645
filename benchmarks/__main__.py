"""`make bench`: every benchmark in one run, printed as one table, saved to var/bench.
`python -m benchmarks bench_portal bench_rpc` (or `make bench ONLY="bench_portal"`) runs
only those, on a fresh stack all the same."""
from __future__ import annotations

import importlib
import json
import os
import sys

from shared.settings import var_dir
from tests.support.stack import start_stack, stop_stack

# (module, needs the running stack)
BENCHMARKS = [
    ("benchmarks.bench_rpc", True),
    ("benchmarks.bench_notifications", True),
    ("benchmarks.bench_skills", False),
    ("benchmarks.bench_encoder", False),
    # 1M realistic vectors, exact vs approximate (KAIZEN_BENCH_ANN_SIZE to change)
    ("benchmarks.bench_search_scale", False),
    ("benchmarks.bench_charts", False),
    ("benchmarks.bench_portal", True),
    ("benchmarks.bench_sizing", True),
    # 50 people for 60 s on a realistic mix, through the gateway and over raw RPC
    ("benchmarks.bench_load", True),
    # loads 100k realistic ideas, reindexes them unchanged and re-clusters, removes them
    ("benchmarks.bench_reindex", True),
    # last: loads 10k then 100k realistic ideas into insights, deactivates them at the end
    ("benchmarks.bench_insights_gateway", True),
]


def fmt(row: dict) -> str:
    cells = [f"{row['name']:<44}"]
    for key, value in row.items():
        if key != "name":
            cells.append(f"{key}={value:.2f}" if isinstance(value, float) else f"{key}={value}")
    return "  ".join(cells)


def main(only: list[str]) -> int:
    chosen = [(m, s) for m, s in BENCHMARKS if not only or m.rsplit(".", 1)[1] in only]
    unknown = set(only) - {m.rsplit(".", 1)[1] for m, _ in BENCHMARKS}
    if unknown:
        print(f"no such benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    results: dict[str, list[dict]] = {}
    # bench_notifications holds 1,000 sockets as one person; the usual limit is 5
    os.environ.setdefault("KAIZEN_WS_CONNECTIONS_PER_PERSON", "2000")
    # the benchmarks call as a handful of people far faster than a person would
    os.environ.setdefault("KAIZEN_RATE_LIMITS", "0")
    stack = start_stack()
    try:
        for module_name, needs_stack in chosen:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            rows = module.run(stack) if needs_stack else module.main()
            results[module_name] = rows
            print(f"\n== {module_name}")
            for row in rows:
                print(fmt(row))
    finally:
        stop_stack(stack)
    out = var_dir() / "bench" / ("results.json" if not only else f"results-{'-'.join(only)}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nsaved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
