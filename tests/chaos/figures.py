"""What a fault scenario did, read from the services' own databases: the ideas stored (by
title, so a second row of one submission shows as a duplicate) and the ideas insights
indexed (its read model's documents), against what the clients were acknowledged.

- answered again: seconds from the moment the component was down until the gateway
  answered a read of ideas again (tests/chaos/load.py Recovery);
- caught up: seconds from the last acknowledgement until insights had indexed every
  acknowledged idea (its lag once the load ends)."""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import text

from services.insights.domain import IDEA
from shared.db import make_engine
from tests.chaos.load import Load


@dataclass
class Figures:
    scenario: str
    backend: str
    attempted: int
    acknowledged: int
    stored: int
    indexed: int
    duplicated: int
    lost: int
    answered_again_s: float
    caught_up_s: float

    def line(self) -> str:
        return (f"chaos {self.backend:8} {self.scenario:18} attempted={self.attempted} "
                f"acknowledged={self.acknowledged} stored={self.stored} "
                f"indexed={self.indexed} duplicated={self.duplicated} lost={self.lost} "
                f"answered_again_s={self.answered_again_s:.1f} "
                f"caught_up_s={self.caught_up_s:.1f}")


def rows(url: str, sql: str, prefix: str) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql), {"prefix": f"{prefix}%"}))
    finally:
        engine.dispose()


def stored_ideas(db_urls: dict, prefix: str) -> list[tuple[str, str]]:
    """(id, title) of every idea whose title starts with `prefix`."""
    return rows(db_urls["ideas"], "SELECT id, title FROM ideas WHERE title LIKE :prefix",
                prefix)


def indexed_ids(db_urls: dict, prefix: str) -> set[str]:
    return {r[0] for r in rows(db_urls["insights"], f"SELECT id FROM documents WHERE "
                               f"kind = '{IDEA}' AND title LIKE :prefix", prefix)}


def wait_indexed(db_urls: dict, prefix: str, ids: set[str], timeout: float) -> float:
    """Seconds until insights holds every one of `ids` (nan if it never did)."""
    started = time.monotonic()
    while not ids <= indexed_ids(db_urls, prefix):
        if time.monotonic() - started > timeout:
            return float("nan")
        time.sleep(0.5)
    return time.monotonic() - started


def measure(scenario: str, backend: str, load: Load, db_urls: dict, prefix: str,
            answered_again_s: float, catch_up_timeout: float = 600) -> Figures:
    acked = load.acknowledged
    acked_ids = {s.idea_id for s in acked}
    last_ack = max((s.answered_at for s in acked), default=time.monotonic())
    waited = wait_indexed(db_urls, prefix, acked_ids, catch_up_timeout)
    caught_up = waited if math.isnan(waited) else time.monotonic() - last_ack
    stored = stored_ideas(db_urls, prefix)
    per_title = Counter(title for _, title in stored)
    stored_ids = {idea_id for idea_id, _ in stored}
    return Figures(
        scenario=scenario, backend=backend, attempted=len(load.submissions),
        acknowledged=len(acked), stored=len(per_title),
        indexed=len(indexed_ids(db_urls, prefix) & stored_ids),
        duplicated=sum(n - 1 for n in per_title.values()),
        lost=len(acked_ids - stored_ids),
        answered_again_s=answered_again_s,
        caught_up_s=caught_up)
