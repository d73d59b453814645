"""A poison event: insights cannot index one idea (its database refuses the row, as a bad
migration or a broken constraint would), so after its attempts the event is parked in
insights' failed_events, while the ideas after it are indexed as usual. Once the cause is
fixed, `kaizen-admin events replay --all` indexes it, once."""
from __future__ import annotations

import subprocess
import time
import uuid

import pytest
from sqlalchemy import text

from shared.db import make_engine
from shared.settings import ROOT
from tests.chaos.figures import indexed_ids, rows, wait_indexed
from tests.chaos.load import Load
from tests.chaos.stack import ChaosStack

# a stack of its own starts in the first test, and 1,000 ideas per fault take minutes on a
# loaded 2-core machine
pytestmark = pytest.mark.timeout(3600)

HANDLER = "insights.on_idea_submitted"
POISON = {
    "sqlite": ["CREATE TRIGGER chaos_poison BEFORE INSERT ON documents "
               "WHEN NEW.title LIKE 'Poison%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"],
    "postgres": ["CREATE FUNCTION chaos_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                 "IF NEW.title LIKE 'Poison%' THEN RAISE EXCEPTION 'poisoned'; END IF; "
                 "RETURN NEW; END $$",
                 "CREATE TRIGGER chaos_poison BEFORE INSERT ON documents "
                 "FOR EACH ROW EXECUTE FUNCTION chaos_poison()"],
}
FIX = {"sqlite": ["DROP TRIGGER chaos_poison"],
       "postgres": ["DROP TRIGGER chaos_poison ON documents", "DROP FUNCTION chaos_poison()"]}


def execute(chaos: ChaosStack, statements: list[str]) -> None:
    engine = make_engine(chaos.db_urls["insights"])
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def admin(chaos: ChaosStack, *args: str) -> str:
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "kaizen-admin"), "events", *args,
                             "--service", "insights"], env=chaos.stack.env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def submit(chaos: ChaosStack, tokens: list[str], title: str) -> str:
    load = Load(chaos.stack.url, tokens[:1], [title]).start()
    load.join()
    return load.acknowledged[0].idea_id


def parked(chaos: ChaosStack, idea_id: str, timeout: float = 120) -> list[tuple]:
    deadline = time.monotonic() + timeout
    sql = ("SELECT handler, attempts FROM failed_events WHERE replayed_at IS NULL "
           "AND payload LIKE :prefix")  # rows() appends the closing %
    while time.monotonic() < deadline:
        found = rows(chaos.db_urls["insights"], sql, f"%{idea_id}")
        if found:
            return found
        time.sleep(0.5)
    return []


def test_a_poison_event_is_parked_then_replayed_after_the_fix(chaos, tokens):
    chaos.stack.wait_healthy()
    run = uuid.uuid4().hex[:8]
    execute(chaos, POISON[chaos.backend])
    poison = submit(chaos, tokens, f"Poison {run}: label the drawers")
    assert [handler for handler, _ in parked(chaos, poison)] == [HANDLER]
    after = submit(chaos, tokens, f"Chaos after-poison {run}")  # nothing is blocked behind it
    assert wait_indexed(chaos.db_urls, "Chaos after-poison", {after}, 120) >= 0
    listed = admin(chaos, "failed")
    assert HANDLER in listed and "1 failed event(s) waiting" in listed, listed
    assert poison not in indexed_ids(chaos.db_urls, "Poison")

    execute(chaos, FIX[chaos.backend])
    replayed = admin(chaos, "replay", "--all")
    assert wait_indexed(chaos.db_urls, "Poison", {poison}, 120) >= 0, replayed
    assert admin(chaos, "failed").strip() == "no failed events"
    assert len(rows(chaos.db_urls["insights"], "SELECT id FROM documents WHERE id LIKE :prefix",
                    poison)) == 1
