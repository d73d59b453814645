"""Every service's migrations form one line: one head, so `alembic upgrade head` works after
two branches each added a revision (re-chain down_revision when this fails after a merge)."""
from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory

from shared.migrate import alembic_config
from shared.settings import ROOT, SERVICES


@pytest.mark.parametrize("service", [s for s in SERVICES
                                     if (ROOT / "services" / s / "migrations").is_dir()])
def test_one_head_per_service(service):
    heads = ScriptDirectory.from_config(alembic_config(service, "sqlite://")).get_heads()
    assert len(heads) == 1, f"{service} has several heads {heads}: re-chain down_revision"
