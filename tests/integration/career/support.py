"""Helpers of the career integration tests (and of the insights tests that start career)."""
from __future__ import annotations

from functools import partial

from services.career.esco_cache import esco_skills
from shared.identity import Identity
from tests.support import services
from tests.support.identities import ADMIN

# A small slice of ESCO (by id, so parser tweaks do not break the tests): importing all
# 13,939 skills into every test database would be slow; test_skills does it once.
SKILLS = {
    "python": "ccd0a1d9-afda-43d9-b901-96344886e14d",
    "lean": "82fea746-853f-4f1b-8ab7-55de8619cccd",
    "six sigma": "4c2c72df-3f3f-48e7-9993-a602354a75e4",
    "spc": "0c77bcd5-b94a-475d-98e9-5a4327e4d726",
    "root cause": "55514865-3066-4abd-86a9-dbe45a440882",
    "forklift": "28cb374e-6261-4133-8371-f9a5470145da",
    "warehouse": "089ddb19-1c7a-43ff-ba64-070f7ce4787a",
    "project management": "7111b95d-0ce3-441a-9d92-4c75d05c4388",
    "coach": "0cc9c234-f817-4f4c-908a-4d28fe3b0f4a",
    "5s": "a276b1ad-c0b7-4b33-899c-0fbfcdbe0eee",
    "customer service": "15a33d76-4640-438d-ae64-fdc0c1d3eebc",
    "ergonomics": "fbdbed1c-442a-47b3-a26f-0e867d82bbea",
    "lean project": "da6393d5-a53c-4863-abc7-51f36281d74e",
    "spreadsheets": "1973c966-f236-40c9-b2d4-5d71a89019be",
}

call = partial(services.call, identity=ADMIN)


def skill_subset() -> list:
    wanted = set(SKILLS.values())
    return [s for s in esco_skills() if s.id in wanted]


def staff(container, people: list[dict]) -> dict[str, Identity]:
    """Imports `people`; their identities by e-mail local part (as the gateway makes them)."""
    ids = call(container, "upsert_people", people)
    found = call(container, "get_people", ids)
    return {p["email"].split("@")[0]: Identity(p["id"], tuple(p["roles"]), p["team"])
            for p in found}
