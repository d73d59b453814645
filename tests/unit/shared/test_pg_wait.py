"""A service process waits for PostgreSQL cooperatively: importing the service (as
`nameko run` does, after eventlet's monkey patching) makes psycopg wait through select,
whether psycopg is imported afterwards or was imported already."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from shared.settings import ROOT

AFTER = "import services.ideas.service; import psycopg.waiting as w"
BEFORE = "import psycopg.waiting as w; import services.ideas.service"


def wait_function(imports: str, **env: str) -> str:
    program = f"import eventlet; eventlet.monkey_patch(); {imports}; print(w.wait.__name__)"
    clean = {k: v for k, v in os.environ.items() if k != "PSYCOPG_WAIT_FUNC"}
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.parametrize("imports", [AFTER, BEFORE], ids=["psycopg-after", "psycopg-before"])
def test_a_service_makes_psycopg_wait_through_select(imports):
    assert wait_function(imports) == "wait_select"


def test_an_operators_choice_wins():
    assert wait_function(AFTER, PSYCOPG_WAIT_FUNC="wait_poll") == "wait_poll"
