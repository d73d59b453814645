"""The people directory on a real broker, against SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from nameko.testing.services import entrypoint_hook

from services.career.service import CareerService
from shared.errors import NotFound, PermissionDenied, ValidationError
from tests.integration.conftest import ADMIN, ANA, as_user

PEOPLE = [
    {"name": "Dana Boss", "email": "dana@example.org", "team": "Ops", "roles": ["manager"]},
    {"name": "Eli Worker", "email": "Eli@Example.org", "team": "Ops",
     "manager_email": "dana@example.org"},
]


def call(container, method, *args, identity=ADMIN, **kwargs):
    with entrypoint_hook(container, method, context_data=as_user(identity)) as hook:
        return hook(*args, **kwargs)


@pytest.fixture
def career(start_service):
    return start_service(CareerService)


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
