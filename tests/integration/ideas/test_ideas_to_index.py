"""The bulk read insights rebuilds from (`ideas_to_index`), on SQLite and PostgreSQL: every
idea but the DUPLICATE ones exactly once, in keyset pages, ideas submitted meanwhile
included; clear errors for a bad page size or cursor; admins (and the operators' tools)
only."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from nameko.testing.services import entrypoint_hook
from sqlalchemy import create_engine

from services.ideas.models import Idea
from shared.errors import PermissionDenied, Unauthenticated, ValidationError
from shared.identity import CONTEXT_KEY, SYSTEM, Identity, mint_service_token
from shared.pagination import encode_cursor, encode_key
from tests.integration.ideas.support import call
from tests.support.identities import ADMIN, ANA, BEN

MANAGER = Identity("55555555-5555-5555-5555-555555555555", ("employee", "manager"), "Office")
COORDINATOR = Identity("66666666-6666-6666-6666-666666666666", ("employee", "coordinator"))


def submit(container, n: int) -> dict:
    return call(container, "submit_idea", {"title": f"Idea number {n}", "problem": f"p{n}",
                                           "proposal": f"q{n}", "tags": ["5s"]})


def read_all(container, first: int, between=lambda page: None) -> list[dict]:
    seen, after = [], None
    while True:
        page = call(container, "ideas_to_index", first=first, after=after, identity=ADMIN)
        seen.extend(page["items"])
        between(len(seen))
        if not page["has_next"]:
            return seen
        after = page["end_cursor"]


def test_every_idea_comes_once_including_those_submitted_meanwhile(ideas):
    container, _ = ideas
    made = [submit(container, n) for n in range(7)]
    merged = submit(container, 7)
    call(container, "merge_idea", merged["id"], made[0]["id"], identity=BEN)
    added = []

    def add_two(read: int) -> None:
        if read == 3:
            added.extend(submit(container, 10 + n) for n in range(2))

    seen = read_all(container, 3, add_two)
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)) == 9  # no repeats; the DUPLICATE left out
    assert set(ids) == {i["id"] for i in made + added}
    assert ids[-2:] == [i["id"] for i in added]  # oldest first: the new ones come last
    first = next(item for item in seen if item["id"] == made[1]["id"])
    assert first == {"id": made[1]["id"], "title": "Idea number 1", "problem": "p1",
                     "proposal": "q1", "status": "SUBMITTED", "author_id": ANA.user_id,
                     "created_at": made[1]["created_at"], "tags": ["5s"]}


def test_ideas_created_at_the_same_instant_are_paged_by_id(ideas):
    container, url = ideas
    at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(Idea.__table__.insert(), [
            {"id": f"00000000-0000-0000-0000-00000000000{n}", "title": f"Same time {n}",
             "problem": "", "proposal": "", "benefit": "", "status": "SUBMITTED",
             "author_id": ANA.user_id, "vote_count": 0, "created_at": at, "updated_at": at}
            for n in range(5)])
    engine.dispose()
    assert [i["title"] for i in read_all(container, 2)] == [f"Same time {n}" for n in range(5)]


def test_the_count_comes_with_the_first_page_only(ideas):
    container, _ = ideas
    for n in range(3):
        submit(container, n)
    page = call(container, "ideas_to_index", first=2, identity=ADMIN)
    assert page["total"] == 3 and page["has_next"]
    rest = call(container, "ideas_to_index", first=2, after=page["end_cursor"], identity=ADMIN)
    assert "total" not in rest and not rest["has_next"] and len(rest["items"]) == 1
    assert call(container, "ideas_to_index", after=rest["end_cursor"], identity=ADMIN) == {
        "items": [], "has_next": False, "end_cursor": None}


@pytest.mark.parametrize("first", [0, 5001, -1, "10", True, 2.5])
def test_a_page_size_out_of_bounds_is_refused(ideas, first):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "ideas_to_index", first=first, identity=ADMIN)
    assert raised.value.errors == [{"field": "first", "message": "must be between 1 and 5000"}]


@pytest.mark.parametrize("after", [
    "nope", 42, encode_cursor(5), encode_key("2026-01-05T09:30:00", "some-id"),
    encode_key("yesterday", "some-id"), encode_key("2026-01-05T09:30:00+00:00"),
    encode_key("2026-01-05T09:30:00+00:00", "x" * 37), "k" * 500])
def test_a_cursor_this_read_did_not_return_is_refused(ideas, after):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "ideas_to_index", after=after, identity=ADMIN)
    assert raised.value.errors == [
        {"field": "after", "message": "is not a cursor this API returned"}]


def test_both_bad_fields_are_named_together(ideas):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "ideas_to_index", first=0, after="nope", identity=ADMIN)
    assert [e["field"] for e in raised.value.errors] == ["first", "after"]


def signed(container, identity: Identity, signed_by: str):
    context = {CONTEXT_KEY: mint_service_token(identity, "ideas", signed_by)}
    with entrypoint_hook(container, "ideas_to_index", context_data=context) as hook:
        return hook()


@pytest.mark.parametrize(("identity", "signed_by", "outcome"), [
    (None, None, Unauthenticated),
    (ANA, "gateway", PermissionDenied),  # employee
    (BEN, "gateway", PermissionDenied),  # reviewer
    (MANAGER, "gateway", PermissionDenied),
    (COORDINATOR, "gateway", PermissionDenied),
    (ADMIN, "gateway", "answered"),
    (SYSTEM, "admin", "answered"),  # the kaizen-insights CLI
    (ADMIN, "growth", Unauthenticated),  # a service's own key: not in shared.trust
    (ADMIN, "insights", Unauthenticated),
])
def test_who_may_read_every_idea(ideas, identity, signed_by, outcome):
    container, _ = ideas
    if identity is None:
        with pytest.raises(Unauthenticated):
            call(container, "ideas_to_index", identity=None)
    elif outcome == "answered":
        assert signed(container, identity, signed_by)["items"] == []
    else:
        with pytest.raises(outcome):
            signed(container, identity, signed_by)
