"""Fixtures of the career unit tests: workers of CareerService on a migrated SQLite file
(tests/support/workers.py) with a real, empty skills catalogue (every skill typed is a
custom one)."""
from __future__ import annotations

import pytest

from services.career.models import INBOX, OUTBOX
from services.career.service import CareerService
from services.career.skills import SkillCatalog
from shared.identity import SYSTEM, Identity
from tests.support.workers import Workers

TEAM = [
    {"name": "Olga Owner", "email": "olga@example.org", "team": "Logistics",
     "title": "Shift lead", "roles": ["manager"]},
    {"name": "Pia Picker", "email": "pia@example.org", "team": "Logistics",
     "title": "Forklift operator", "manager_email": "olga@example.org"},
    {"name": "Raj Rider", "email": "raj@example.org", "team": "Assembly"},
]


@pytest.fixture
def career(tmp_path) -> Workers:
    workers = Workers(CareerService, tmp_path, OUTBOX, INBOX, skills=SkillCatalog())
    yield workers
    workers.close()


@pytest.fixture
def staff(career) -> dict[str, Identity]:
    """TEAM in the directory; identities by first name, lower case."""
    ids = career.call("upsert_people", TEAM, identity=SYSTEM)
    return {fields["name"].split()[0].lower():
            Identity(id_, ("employee", *fields.get("roles", [])), fields["team"])
            for id_, fields in zip(ids, TEAM, strict=True)}
