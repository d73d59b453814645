"""The fault suite (`make chaos`; `make test` runs it with fewer ideas): people submit ideas
through the gateway from 8 client threads that retry with the same Idempotency-Key on any
error, while one fault strikes: the ideas service or insights killed with SIGKILL and
started again, the RabbitMQ node restarted, PostgreSQL restarted (on the PostgreSQL run).
Every idea acknowledged is stored once and indexed by insights: nothing lost, nothing
doubled. Each scenario prints its figures (tests/chaos/figures.py); KAIZEN_CHAOS_IDEAS sets
how many ideas (40 by default, 1,000 under make chaos)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.chaos.figures import measure
from tests.chaos.load import Load, Recovery
from tests.chaos.stack import ChaosStack

# a stack of its own starts in the first test, and 1,000 ideas per fault take minutes on a
# loaded 2-core machine
pytestmark = pytest.mark.timeout(3600)

IDEAS = int(os.environ.get("KAIZEN_CHAOS_IDEAS", "40"))
FIGURES_FILE = os.environ.get("KAIZEN_CHAOS_FIGURES")  # make chaos collects the lines here


@dataclass(frozen=True)
class Fault:
    """`down` takes the component away (it is down when `down` returns), `up` brings it back."""
    name: str
    down: Callable[[ChaosStack], None]
    up: Callable[[ChaosStack], None]


FAULTS = [
    Fault("ideas_killed", lambda c: c.stack.kill("ideas"),  # SIGKILL: no drain, no ack
          lambda c: c.stack.start_process("ideas")),
    Fault("insights_killed", lambda c: c.stack.kill("insights"),
          lambda c: c.stack.start_process("insights")),
    Fault("broker_restarted", lambda c: c.broker.stop(), lambda c: c.broker.start()),
    Fault("postgres_restarted", lambda c: c.postgres.crash(), lambda c: c.postgres.recover()),
]


def report(line: str, capsys) -> None:
    with capsys.disabled():
        print(f"\n{line}")
    if FIGURES_FILE:
        with open(FIGURES_FILE, "a") as figures:
            figures.write(line + "\n")


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_nothing_lost_nothing_doubled(chaos, tokens, fault, capsys):
    # (postgres_restarted runs on PostgreSQL only: conftest deselects it on SQLite)
    chaos.stack.wait_healthy()
    prefix = f"Chaos {fault.name.replace('_', '-')} {uuid.uuid4().hex[:8]} #"
    load = Load(chaos.stack.url, tokens, [f"{prefix}{i:04d}" for i in range(IDEAS)]).start()
    load.wait_acknowledged(IDEAS // 4)
    fault.down(chaos)
    recovery = Recovery(chaos.stack.url, tokens[0])
    recovery.start()
    fault.up(chaos)
    load.join()
    recovery.join()
    figures = measure(fault.name, chaos.backend, load, chaos.db_urls, prefix, recovery.seconds)
    report(figures.line(), capsys)
    assert figures.attempted == figures.acknowledged == figures.stored == figures.indexed, \
        figures.line()
    assert (figures.duplicated, figures.lost) == (0, 0), figures.line()
