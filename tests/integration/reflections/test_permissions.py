"""Who sees and changes what, at the service: every visibility against every role, on
every read, list, search, count, update and delete path. A reflection the caller may not
read is answered exactly like an id that does not exist, and nothing of it leaks."""
from __future__ import annotations

import uuid

import pytest

from services.reflections.service import ReflectionsService
from shared.errors import DomainError, NotFound, PermissionDenied
from shared.identity import Identity
from tests.support.services import call

ROLES = {
    "author": Identity("a0000000-0000-0000-0000-000000000001", ("employee",), "Assembly"),
    "teammate": Identity("a0000000-0000-0000-0000-000000000002", ("employee",), "Assembly"),
    "other team": Identity("a0000000-0000-0000-0000-000000000003", ("employee",), "Logistics"),
    # the author's own manager, in the author's team
    "manager": Identity("a0000000-0000-0000-0000-000000000004", ("employee", "manager"),
                        "Assembly"),
    "admin": Identity("a0000000-0000-0000-0000-000000000005", ("employee", "manager", "admin"),
                      "Operations Office"),
}
READERS = {
    "PRIVATE": {"author"},
    "TEAM": {"author", "teammate", "manager"},
    "ORGANIZATION": set(ROLES),
}
AUTHOR = ROLES["author"]
CASES = [(v, r) for v in READERS for r in ROLES]


def attempt(container, method, *args, identity: Identity):
    """('ok', result) or (error class, message)."""
    try:
        return "ok", call(container, method, *args, identity=identity)
    except DomainError as exc:
        return type(exc), exc.message


@pytest.fixture
def container(start_service):
    return start_service(ReflectionsService)


@pytest.mark.parametrize(("visibility", "role"), CASES)
def test_every_path_answers_by_visibility_and_role(container, visibility, role):
    check_reads(container, visibility, role)
    check_changes(container, visibility, role)


def check_reads(container, visibility: str, role: str) -> None:
    """Reading, listing, searching, counting, exporting and the habit."""
    viewer, may_read = ROLES[role], role in READERS[visibility]
    target = call(container, "write_reflection", {
        "body": "Matrix-target-5b1e body", "tags": ["matrix"], "mood": 2,
        "visibility": visibility}, identity=AUTHOR)
    diary = call(container, "write_reflection", {"body": "Matrix-diary-93c0 is private",
                                                 "tags": ["matrix"]}, identity=AUTHOR)
    missing = attempt(container, "get_reflection", str(uuid.uuid4()), identity=viewer)
    assert missing == (NotFound, "no reflection with that id")

    got = attempt(container, "get_reflection", target["id"], identity=viewer)
    if may_read:
        assert got[0] == "ok" and got[1]["body"] == target["body"]
        assert got[1]["mood"] == (2 if role == "author" else None)  # mood stays the author's
    else:
        assert got == missing  # the very same answer as for an id that does not exist
    batch = call(container, "get_reflections", [target["id"], diary["id"]], identity=viewer)
    assert [item is not None for item in batch] == [may_read, role == "author"]

    in_feed = may_read and visibility != "PRIVATE"  # private ones are in no feed
    feed = call(container, "list_team_reflections", identity=viewer)
    assert [r["id"] for r in feed["items"]] == ([target["id"]] if in_feed else [])
    assert feed["total"] == int(in_feed)
    for flt in ({"search": "matrix-target-5b1e"}, {"tag": "matrix"}, {"search": "matrix"}):
        assert call(container, "list_team_reflections", flt, identity=viewer)["total"] \
            == int(in_feed), flt
    for flt in ({"search": "Matrix-diary-93c0"}, {"tag": "matrix"}):
        mine = call(container, "list_my_reflections", flt, identity=viewer)
        expected = (2 if "tag" in flt else 1) if role == "author" else 0
        assert mine["total"] == expected and len(mine["items"]) == expected, flt
    for fmt in ("MARKDOWN", "JSON"):  # an export is the caller's own journal, nobody else's
        exported = call(container, "export_my_reflections", fmt, identity=viewer)
        assert ("Matrix-target-5b1e" in exported) == (role == "author"), fmt
        assert ("Matrix-diary-93c0" in exported) == (role == "author"), fmt
    assert call(container, "reflection_habit", identity=viewer)["this_week"] == \
        (2 if role == "author" else 0)  # counts only the caller's own writing


def check_changes(container, visibility: str, role: str) -> None:
    """Updating, making private, deleting and turning into an idea."""
    viewer, may_read = ROLES[role], role in READERS[visibility]
    target = call(container, "write_reflection", {
        "body": "Matrix-change-77d2 body", "visibility": visibility}, identity=AUTHOR)
    refused = (PermissionDenied, "only the author can change this reflection") if may_read \
        else (NotFound, "no reflection with that id")
    attempts = {
        "update": attempt(container, "update_reflection", target["id"], {"body": "Hijacked"},
                          identity=viewer),
        "make private": attempt(container, "update_reflection", target["id"],
                                {"visibility": "PRIVATE"}, identity=viewer),
        "delete": attempt(container, "delete_reflection", target["id"], identity=viewer),
    }
    if role != "author":
        attempts["turn into idea"] = attempt(container, "turn_into_idea", target["id"],
                                             "Someone else's idea", identity=viewer)
        assert attempts == dict.fromkeys(attempts, refused)
        kept = call(container, "get_reflection", target["id"], identity=AUTHOR)
        assert kept["body"] == target["body"] and kept["visibility"] == visibility
        return
    assert attempts["update"][0] == "ok" and attempts["update"][1]["body"] == "Hijacked"
    assert attempts["make private"][1]["visibility"] == "PRIVATE"
    assert attempts["delete"] == ("ok", {"id": target["id"]})
    assert attempt(container, "get_reflection", target["id"], identity=AUTHOR) == \
        (NotFound, "no reflection with that id")
