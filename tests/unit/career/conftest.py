"""The career service's worker on an in-memory database with a real (empty) skills
catalogue; the caller mocked (tests/support/workers.py)."""
from __future__ import annotations

import pytest

from services.career.models import Base
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
def worker():
    """worker(identity) -> a CareerService called by `identity`, with a real (empty) skills
    catalogue; worker.db, worker.session."""
    with Workers(CareerService, Base.metadata, skills=SkillCatalog()) as workers:
        yield workers


@pytest.fixture
def staff(worker) -> dict[str, Identity]:
    """TEAM in the directory (committed); identities by first name, lower case."""
    ids = worker(SYSTEM).upsert_people(TEAM)
    worker.db.reset_mock()
    return {fields["name"].split()[0].lower(): Identity(id_, ("employee", *fields.get("roles", [])),
                                                       fields["team"])
            for id_, fields in zip(ids, TEAM, strict=True)}
