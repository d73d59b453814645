"""Career workers for mentoring (tests/support/workers.py) with the model's similarity
stubbed, the people of a programme, and the steps most tests start from: a programme with
two mentors and two mentees enrolled, and a matched pair."""
from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from services.career.models import INBOX, OUTBOX
from services.career.service import CareerService
from services.career.skills import SkillCatalog
from shared.identity import SYSTEM, Identity
from tests.support.workers import Workers

PEOPLE = [
    {"name": "Cora Coordinator", "email": "cora@example.org", "team": "People",
     "roles": ["coordinator"]},
    {"name": "Mona Mentor", "email": "mona@example.org", "team": "Quality"},
    {"name": "Max Mentor", "email": "max@example.org", "team": "Quality"},
    {"name": "Tess Mentee", "email": "tess@example.org", "team": "Assembly"},
    {"name": "Tom Mentee", "email": "tom@example.org", "team": "Assembly"},
    {"name": "Otto Outsider", "email": "otto@example.org", "team": "Sales"},
]


class Insights:
    """The model's similarity, stubbed: Max's text resembles a mentee's more than Mona's."""

    def text_similarities(self, text, texts):
        return [0.9 if "lean" in t.casefold() else 0.1 for t in texts]


@pytest.fixture
def career(tmp_path):
    workers = Workers(CareerService, tmp_path, OUTBOX, INBOX, skills=SkillCatalog(),
                      insights_rpc=Insights(), reflections_rpc=MagicMock())
    yield workers
    workers.close()


@pytest.fixture
def who(career) -> dict[str, Identity]:
    ids = career.call("upsert_people", PEOPLE, identity=SYSTEM)
    return {p["name"].split()[0].lower(): Identity(id_, ("employee", *p.get("roles", [])),
                                                    p["team"])
            for id_, p in zip(ids, PEOPLE, strict=True)}
