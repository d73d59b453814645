"""The people directory on a real broker, against SQLite and PostgreSQL; the fixtures and
helpers the other career integration tests import."""
from __future__ import annotations

import pytest
from nameko.testing.services import entrypoint_hook

from services.career.esco_cache import esco_skills
from services.career.service import CareerService
from services.career.skills import import_skills
from shared.db import make_engine
from shared.errors import NotFound, PermissionDenied, ValidationError
from shared.identity import Identity
from tests.integration.conftest import ADMIN, ANA, as_user

PEOPLE = [
    {"name": "Dana Boss", "email": "dana@example.org", "team": "Ops", "roles": ["manager"]},
    {"name": "Eli Worker", "email": "Eli@Example.org", "team": "Ops",
     "manager_email": "dana@example.org"},
]

# A small slice of ESCO (by id, so parser tweaks do not break the tests): importing all
# 13,939 skills into every test database would be slow; test_career_skills does it once.
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


def skill_subset() -> list:
    wanted = set(SKILLS.values())
    return [s for s in esco_skills() if s.id in wanted]


def call(container, method, *args, identity=ADMIN, **kwargs):
    with entrypoint_hook(container, method, context_data=as_user(identity)) as hook:
        return hook(*args, **kwargs)


@pytest.fixture
def career_db(make_db) -> str:
    """A migrated career DB holding the test slice of ESCO."""
    url = make_db("career")
    engine = make_engine(url)
    import_skills(engine, skill_subset())
    engine.dispose()
    return url


@pytest.fixture
def career(start_service, career_db):
    return start_service(CareerService, db_url=career_db)


def staff(container, people: list[dict]) -> dict[str, Identity]:
    """Imports `people`; their identities by e-mail local part (as the gateway makes them)."""
    ids = call(container, "upsert_people", people)
    found = call(container, "get_people", ids)
    return {p["email"].split("@")[0]: Identity(p["id"], tuple(p["roles"]), p["team"])
            for p in found}


def test_admin_imports_people_keyed_by_email_with_managers(career):
    ids = call(career, "upsert_people", PEOPLE)
    again = call(career, "upsert_people", PEOPLE)  # idempotent by e-mail
    assert ids == again
    dana, eli = call(career, "get_people", ids)
    assert eli["email"] == "eli@example.org"
    assert eli["manager_id"] == dana["id"]
    assert dana["roles"] == ["employee", "manager"]
    assert call(career, "find_person_by_email", "ELI@example.org ")["id"] == eli["id"]


def test_only_admins_import_people(career):
    with pytest.raises(PermissionDenied):
        call(career, "upsert_people", PEOPLE, identity=ANA)


def test_bad_people_are_refused_whole(career):
    bad = [*PEOPLE, {"name": "", "email": "not-an-email", "roles": ["emperor"]}]
    with pytest.raises(ValidationError) as raised:
        call(career, "upsert_people", bad)
    assert {e["field"] for e in raised.value.errors} == {"name", "email", "roles"}
    assert call(career, "list_people")["total"] == 0


def test_unknown_email_is_not_found(career):
    with pytest.raises(NotFound):
        call(career, "find_person_by_email", "nobody@example.org")


def test_directory_filters_by_team_and_search_and_pages(career):
    more = [{"name": f"Op {i}", "email": f"op{i}@example.org", "team": "Logistics",
             "title": "Forklift Operator"} for i in range(3)]
    call(career, "upsert_people", [*PEOPLE, *more])
    ops = call(career, "list_people", team="ops", identity=ANA)
    assert [p["name"] for p in ops["items"]] == ["Dana Boss", "Eli Worker"]
    found = call(career, "list_people", search="FORKLIFT", first=2, identity=ANA)
    assert found["total"] == 3 and len(found["items"]) == 2 and found["has_next"]
    rest = call(career, "list_people", search="forklift", first=2, after=found["end_cursor"],
                identity=ANA)
    assert [p["name"] for p in rest["items"]] == ["Op 2"] and not rest["has_next"]
