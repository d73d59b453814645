"""The people directory on a real broker, against SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from shared.errors import NotFound, PermissionDenied, ValidationError
from tests.integration.career.support import call
from tests.support.identities import ANA

PEOPLE = [
    {"name": "Dana Boss", "email": "dana@example.org", "team": "Ops", "roles": ["manager"]},
    {"name": "Eli Worker", "email": "Eli@Example.org", "team": "Ops",
     "manager_email": "dana@example.org"},
]

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
