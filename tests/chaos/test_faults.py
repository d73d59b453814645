"""The fault suite (`make chaos`; `make test` runs it with fewer ideas): people submit ideas
through the gateway from 8 client threads that retry with the same Idempotency-Key on any
error, while one fault strikes: the ideas service or insights killed with SIGKILL and
started again, the RabbitMQ node restarted, PostgreSQL restarted (on the PostgreSQL run).
Every idea acknowledged is stored once and indexed by insights: nothing lost, nothing
doubled. Each scenario prints its figures (tests/chaos/figures.py); KAIZEN_CHAOS_IDEAS sets
how many ideas (40 by default, 1,000 under make chaos)."""
from __future__ import annotations

import os
import time
import uuid

import pytest

from tests.chaos.figures import measure
from tests.chaos.load import Load
from tests.chaos.stack import ChaosStack

IDEAS = int(os.environ.get("KAIZEN_CHAOS_IDEAS", "40"))
FIGURES_FILE = os.environ.get("KAIZEN_CHAOS_FIGURES")  # make chaos collects the lines here


def ideas_killed(chaos: ChaosStack) -> None:
    chaos.stack.kill("ideas")
    chaos.stack.start_process("ideas")


def insights_killed(chaos: ChaosStack) -> None:
    chaos.stack.kill("insights")
    chaos.stack.start_process("insights")


def broker_restarted(chaos: ChaosStack) -> None:
    chaos.broker.restart()


def postgres_restarted(chaos: ChaosStack) -> None:
    chaos.postgres.restart()


SCENARIOS = [ideas_killed, insights_killed, broker_restarted, postgres_restarted]


def report(line: str, capsys) -> None:
    with capsys.disabled():
        print(f"\n{line}")
    if FIGURES_FILE:
        with open(FIGURES_FILE, "a") as figures:
            figures.write(line + "\n")


@pytest.mark.parametrize("fault", SCENARIOS, ids=lambda f: f.__name__)
def test_nothing_lost_nothing_doubled(chaos, tokens, fault, capsys):
    if fault is postgres_restarted and chaos.postgres is None:
        pytest.skip("SQLite has no server to restart")
    chaos.stack.wait_healthy()
    prefix = f"Chaos {fault.__name__.replace('_', '-')} {uuid.uuid4().hex[:8]} #"
    load = Load(chaos.stack.url, tokens, [f"{prefix}{i:04d}" for i in range(IDEAS)]).start()
    load.wait_acknowledged(IDEAS // 4)
    fault_at = time.monotonic()
    fault(chaos)
    load.join()
    figures = measure(fault.__name__, chaos.backend, load, chaos.db_urls, prefix, fault_at)
    report(figures.line(), capsys)
    assert figures.attempted == figures.acknowledged == figures.stored == figures.indexed, \
        figures.line()
    assert (figures.duplicated, figures.lost) == (0, 0), figures.line()
