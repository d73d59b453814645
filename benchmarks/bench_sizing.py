"""The figures behind docs/operations.md "Sizing": CPU per request, memory, bytes per row.

    KAIZEN_SERVICES=career,ideas .venv/bin/python -m benchmarks.bench_sizing

On a running stack (its own, started here), drives ROUNDS GraphQL reads of the ideas board
with authors (list_ideas on ideas + get_people on career) and ROUNDS idea submissions, and
reads the processes' own Prometheus counters (process_cpu_seconds_total,
process_resident_memory_bytes, kaizen_service_entrypoint_*) from the gateway's /metrics and
each service's metrics port: CPU ms per GraphQL request (gateway) and per RPC (service).
Bytes per idea come from the ideas SQLite file's growth; the encoder's peak RSS from a
separate process that loads the model and encodes a batch.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time

import httpx

from shared.settings import ROOT

ROUNDS = 200
BOARD = "{ ideas(first: 20) { edges { node { title author { name } } } } }"
SUBMIT = "mutation($i: SubmitIdeaInput!) { submitIdea(input: $i) { __typename } }"
ENCODER_RSS = """
import resource
from services.insights.encoder import get_encoder
get_encoder().encode(["Label every drawer so parts are easy to find"] * 256, batch_size=64)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def scrape(url: str) -> dict[str, float]:
    text = httpx.get(url, timeout=30).text
    return {k: float(v) for k, v in re.findall(r"^(\w+(?:\{[^}]*\})?) (\S+)$", text, re.M)}


def service_url(stack, service: str) -> str:
    port = (stack.var_dir / "run" / f"{service}.metrics-port").read_text().strip()
    return f"http://127.0.0.1:{port}/metrics"


def rpc_count(metrics: dict, service: str) -> float:
    prefix = "kaizen_service_entrypoint_calls_total{"
    return sum(v for k, v in metrics.items() if k.startswith(prefix)
               and f'service="{service}"' in k and 'entrypoint="rpc"' in k)


def snapshot(stack) -> dict[str, dict]:
    urls = {"gateway": f"{stack.url}/metrics",
            **{s: service_url(stack, s) for s in ("ideas", "career")}}
    return {name: scrape(url) for name, url in urls.items()}


def drive(stack, http: httpx.Client) -> tuple[float, float]:
    started = time.perf_counter()
    for _ in range(ROUNDS):
        http.post("/graphql", json={"query": BOARD}).raise_for_status()
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(ROUNDS):
        variables = {"i": {"title": f"Sizing idea {i}", "problem": "x" * 400}}
        http.post("/graphql", json={"query": SUBMIT, "variables": variables}).raise_for_status()
    return read_s, time.perf_counter() - started


def db_bytes(stack) -> int:
    return sum(p.stat().st_size for p in stack.var_dir.glob("ideas.db*"))


def row(name: str, value: float, unit: str, notes: str = "") -> dict:
    return {"name": name, "value": round(value, 3), "unit": unit, "notes": notes}


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    size_before, before = db_bytes(stack), snapshot(stack)
    with httpx.Client(base_url=stack.url, headers={"authorization": f"Bearer {token}"},
                      timeout=60) as http:
        read_s, write_s = drive(stack, http)
    time.sleep(3)  # one outbox relay tick, so the ideas CPU includes publishing the events
    after, grown = snapshot(stack), db_bytes(stack) - size_before
    cpu = {n: after[n]["process_cpu_seconds_total"] - before[n]["process_cpu_seconds_total"]
           for n in after}
    rpcs = {s: rpc_count(after[s], s) - rpc_count(before[s], s) for s in ("ideas", "career")}
    requests = 2 * ROUNDS
    rows = [
        row("graphql board read (mean)", read_s / ROUNDS * 1000, "ms", "20 ideas + authors"),
        row("graphql submitIdea (mean)", write_s / ROUNDS * 1000, "ms"),
        row("gateway CPU per GraphQL request", cpu["gateway"] / requests * 1000, "ms",
            f"{requests} requests"),
    ]
    for service in ("ideas", "career"):
        rows.append(row(f"{service} CPU per RPC", cpu[service] / rpcs[service] * 1000, "ms",
                        f"{rpcs[service]:.0f} RPCs; CPU incl. outbox relay"))
    for name in ("gateway", "ideas", "career"):
        rss = after[name]["process_resident_memory_bytes"] / 2**20
        rows.append(row(f"{name} RSS after the run", rss, "MiB"))
    rows.append(row("ideas SQLite growth per idea", grown / ROUNDS, "bytes",
                    "row + indexes + outbox row"))
    rows.append(encoder_rss())
    return rows


def encoder_rss() -> dict:
    done = subprocess.run([sys.executable, "-c", ENCODER_RSS], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=True)
    return row("insights encoder peak RSS (256 texts, batch 64)",
               int(done.stdout.split()[-1]) / 1024, "MiB")


if __name__ == "__main__":
    from tests.support.stack import start_stack, stop_stack

    running = start_stack()
    try:
        for result in run(running):
            print(f"{result['name']:<48} {result['value']:>10} {result['unit']:<6} "
                  f"{result['notes']}")
    finally:
        stop_stack(running)
