"""A 100k reindex when the texts are already encoded, and a full re-cluster, while the
service keeps answering.

`KAIZEN_BENCH_REINDEX_SIZE` realistic ideas (default 100,000, made as bench_insights_gateway
makes its bulk: real base texts, vectors recombined from their real embeddings) go into the
ideas service's database and, with their embeddings, into the insights one (see `load`),
under exactly the text the reindex derives from an idea (texts.idea_text). Then the real
`kaizen-insights reindex` runs (the CLI, as an operator runs it: it reads every idea from
the ideas service and pushes it back) while another client asks `similar_ideas` in a loop.
Measured: the reindex's wall time, how many texts insights encoded meanwhile (its own
`kaizen_insights_encode_batch_size` sum, the loop's query texts subtracted) and how many
stored embeddings changed (both must be 0), what the CLI says (its steps' times; nothing
changed, so no re-cluster), then a full `recluster` of them all, and `similar_ideas` p50 /
p99 / errors idle, during the reindex and during the re-cluster
(`KAIZEN_BENCH_REINDEX_RECLUSTER=0` leaves the re-cluster out: over 12 minutes at 100k on
the 2-core machine). At the end the bulk leaves both databases again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import datetime

import numpy as np
from sqlalchemy import create_engine, delete, select, update

from benchmarks.bench_insights_gateway import (
    QUERIES,
    Bulk,
    add_to_ideas_db,
    identity_of,
    rpc,
)
from benchmarks.bench_rpc import percentiles
from benchmarks.bench_sizing import scrape, service_url
from services.ideas.models import Idea
from services.insights.models import Counter, Document
from services.insights.texts import idea_text
from shared.settings import ROOT

SIZE = int(os.environ.get("KAIZEN_BENCH_REINDEX_SIZE") or 100_000)
RECLUSTER = os.environ.get("KAIZEN_BENCH_REINDEX_RECLUSTER", "1") != "0"
BATCH = 500
ENCODED = "kaizen_insights_encode_batch_size_sum"


def load(stack, bulk: Bulk, count: int) -> float:
    """`count` ideas as rows of the ideas database and, with their embeddings and the next
    revisions, of the insights one (what a reindex of them would have written: the bulk
    path through index_documents re-summarises every theme it touches per batch, 25 minutes
    for 100k here); returns the seconds it took."""
    started = time.perf_counter()
    engine = create_engine(f"sqlite:///{stack.var_dir / 'insights.db'}",
                           connect_args={"timeout": 60})
    for start in range(0, count, BATCH * 10):
        items = bulk.make(min(BATCH * 10, count - start))
        add_to_ideas_db(stack, items)  # title, problem = the base text, no proposal
        with engine.begin() as connection:
            rev = connection.scalar(select(Counter.value).where(Counter.name == "rev")) or 0
            connection.execute(Document.__table__.insert(), [{
                "kind": "IDEA", "id": item["id"], "title": item["title"],
                "text": idea_text(item["title"], item["text"]), "status": item["status"],
                "author_id": item["author_id"], "active": True, "theme_id": None,
                "created_at": datetime.fromisoformat(item["created_at"]), "rev": rev + n + 1,
                "extra": json.dumps(item["extra"]),
                "embedding": np.asarray(item["embedding"], np.float32).tobytes()}
                for n, item in enumerate(items)])
            connection.execute(update(Counter).where(Counter.name == "rev").values(
                value=rev + len(items)))
        for item, loaded in zip(items, bulk.loaded[-len(items):], strict=True):
            loaded["text"] = idea_text(item["title"], item["text"])
    engine.dispose()
    return time.perf_counter() - started


def embeddings(stack) -> dict[str, bytes]:
    engine = create_engine(f"sqlite:///{stack.var_dir / 'insights.db'}")
    with engine.connect() as connection:
        found = dict(connection.execute(select(Document.id, Document.embedding).where(
            Document.kind == "IDEA", Document.active.is_(True))).all())
    engine.dispose()
    return found


def encoded(stack) -> float:
    return scrape(service_url(stack, "insights")).get(ENCODED, 0.0)


class Asking(threading.Thread):
    """similar_ideas in a loop (a person typing a new idea) until stopped."""

    def __init__(self, stack, user) -> None:
        super().__init__(daemon=True)
        self.stack, self.user = stack, user
        self.samples: list[float] = []
        self.errors = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        with rpc(self.stack, self.user) as cluster:
            while not self.stopping.is_set():
                text = QUERIES[len(self.samples) % len(QUERIES)]
                started = time.perf_counter()
                try:
                    cluster.insights.similar_ideas(text, first=5)
                except Exception:  # noqa: BLE001 - counted: the figure is "errors"
                    self.errors += 1
                self.samples.append(time.perf_counter() - started)
                self.stopping.wait(0.05)

    def stop(self) -> dict:
        self.stopping.set()
        self.join()
        return {**percentiles(self.samples), "errors": self.errors}


def while_asking(stack, user, work) -> tuple[float, dict, object]:
    """Runs `work()` while an Asking thread asks; (seconds, its latencies, work's result)."""
    asking = Asking(stack, user)
    asking.start()
    time.sleep(1)  # a few answers before the work starts
    started = time.perf_counter()
    try:
        result = work()
    finally:
        took = time.perf_counter() - started
        figures = asking.stop()
    return took, figures, result


def reindex_cli(stack) -> str:
    result = subprocess.run([sys.executable, "-m", "services.insights.cli", "reindex",
                             "--quiet"], env=stack.env, cwd=ROOT, capture_output=True,
                            text=True, timeout=3600)
    if result.returncode:
        raise RuntimeError(f"reindex failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def remove_from_ideas_db(stack, ids: list[str]) -> None:
    engine = create_engine(f"sqlite:///{stack.var_dir / 'ideas.db'}",
                           connect_args={"timeout": 30})
    with engine.begin() as connection:
        for start in range(0, len(ids), BATCH):
            connection.execute(delete(Idea).where(Idea.id.in_(ids[start:start + BATCH])))
    engine.dispose()


def retire(stack, ids: list[str]) -> None:
    """The bulk out of insights' searches and themes (inactive, at new revisions, which
    every process's index follows)."""
    engine = create_engine(f"sqlite:///{stack.var_dir / 'insights.db'}",
                           connect_args={"timeout": 60})
    with engine.begin() as connection:
        rev = connection.scalar(select(Counter.value).where(Counter.name == "rev")) or 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            connection.execute(update(Document).where(
                Document.kind == "IDEA", Document.id.in_(chunk)).values(
                active=False, theme_id=None, rev=rev + start + 1))
        connection.execute(update(Counter).where(Counter.name == "rev").values(
            value=rev + len(ids) + 1))
    engine.dispose()


def run(stack) -> list[dict]:
    user = identity_of(stack, stack.token("ana.silva@kaizen.example"))
    admin = identity_of(stack, stack.token("dev.patel@kaizen.example"))
    bulk = Bulk(user.user_id)
    label = f"{SIZE // 1000}k"
    rows = []
    try:
        loaded_s = load(stack, bulk, SIZE)
        print(f"  loaded {SIZE} in {loaded_s:.0f} s", flush=True)
        _, figures, _ = while_asking(stack, user, lambda: time.sleep(20))
        rows.append({"name": f"similar_ideas, idle @ {label}", **figures})
        before, count_before = embeddings(stack), encoded(stack)
        took, figures, said = while_asking(stack, user, lambda: reindex_cli(stack))
        texts = encoded(stack) - count_before - figures["n"] - figures["errors"]
        after = embeddings(stack)
        changed = sum(1 for i, e in before.items() if after.get(i) != e)
        rows.append({"name": f"reindex, texts unchanged @ {label}", "seconds": took,
                     "texts_encoded": int(texts), "embeddings_changed": changed,
                     "docs_per_s": len(before) / took, "said": said})
        rows.append({"name": f"similar_ideas during the reindex @ {label}", **figures})
        print("  ", *rows, sep="\n   ", flush=True)
        if not RECLUSTER:
            return rows
        with rpc(stack, admin) as cluster:
            took, figures, result = while_asking(
                stack, user, lambda: cluster.insights.recluster(full=True))
        rows.append({"name": f"full recluster @ {label}", "seconds": took, **result})
        rows.append({"name": f"similar_ideas during the recluster @ {label}", **figures})
        print("  ", *rows[-2:], sep="\n   ", flush=True)
    finally:
        ids = [doc["id"] for doc in bulk.loaded]
        remove_from_ideas_db(stack, ids)
        retire(stack, ids)
        with rpc(stack, admin) as cluster:
            cluster.insights.recluster(full=True)  # the seeded themes as they were
    return rows
