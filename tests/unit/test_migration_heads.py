"""Every service's Alembic history has exactly one head: two branches landing revisions on
the same parent (each fine alone) leave `alembic upgrade head` refusing to run."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

SERVICES = Path(__file__).resolve().parents[2] / "services"
WITH_MIGRATIONS = sorted(p.parent.name for p in SERVICES.glob("*/migrations"))


@pytest.mark.parametrize("name", WITH_MIGRATIONS)
def test_one_head_per_service(name):
    config = Config()
    config.set_main_option("script_location", str(SERVICES / name / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
