"""Visibility, what leaves the service, and excerpts: pure rules, no broker."""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from services.reflections.domain import (
    NOT_FOUND,
    SharedView,
    can_read,
    excerpt,
    publication,
    require_author,
    require_readable,
    shared_view,
)
from shared.errors import NotFound, PermissionDenied
from shared.identity import Identity

AUTHOR = Identity("author", ("employee",), "Assembly")
TEAMMATE = Identity("mate", ("employee",), "Assembly")
OTHER = Identity("other", ("employee",), "Logistics")
ADMIN = Identity("boss", ("employee", "manager", "admin"), "Assembly")
NO_TEAM = Identity("nomad", ("employee",), None)


def reflection(visibility: str, team: str | None = "Assembly") -> SimpleNamespace:
    return SimpleNamespace(id="r1", author_id="author", team=team, visibility=visibility,
                           body="Text")


@pytest.mark.parametrize(("visibility", "viewer", "expected"), [
    ("PRIVATE", AUTHOR, True), ("PRIVATE", TEAMMATE, False), ("PRIVATE", ADMIN, False),
    ("PRIVATE", OTHER, False),
    ("TEAM", AUTHOR, True), ("TEAM", TEAMMATE, True), ("TEAM", ADMIN, True),
    ("TEAM", OTHER, False), ("TEAM", NO_TEAM, False),
    ("ORGANIZATION", OTHER, True), ("ORGANIZATION", NO_TEAM, True),
])
def test_who_reads_what(visibility, viewer, expected):
    assert can_read(viewer, reflection(visibility)) is expected


def test_a_team_reflection_without_a_team_is_nobody_elses():
    assert not can_read(NO_TEAM, reflection("TEAM", team=None))
    assert can_read(AUTHOR, reflection("TEAM", team=None))


def test_unreadable_is_answered_exactly_like_missing():
    with pytest.raises(NotFound) as missing:
        require_readable(ADMIN, None)
    with pytest.raises(NotFound) as private:
        require_readable(ADMIN, reflection("PRIVATE"))
    with pytest.raises(NotFound) as changed:
        require_author(ADMIN, reflection("PRIVATE"))
    assert missing.value.message == private.value.message == changed.value.message == NOT_FOUND


def test_readers_who_are_not_the_author_may_not_change_it():
    with pytest.raises(PermissionDenied):
        require_author(TEAMMATE, reflection("TEAM"))
    assert require_author(AUTHOR, reflection("PRIVATE")).id == "r1"


def test_a_private_reflection_has_no_shared_view():
    assert shared_view(reflection("PRIVATE"), ["a"]) is None
    assert shared_view(None, []) is None
    assert shared_view(reflection("TEAM"), ["a"]) == SharedView(
        reflection_id="r1", author_id="author", team="Assembly", visibility="TEAM",
        text="Text", tags=("a",))


SHARED = SharedView(reflection_id="r1", author_id="author", team="Assembly",
                    visibility="TEAM", text="a", tags=())


@pytest.mark.parametrize(("before", "after", "event"), [
    (None, None, None),                                   # private written or deleted
    (None, SHARED, "shared"),                             # written shared, or made shared
    (SHARED, SHARED, None),                               # nothing shared changed
    (SHARED, replace(SHARED, text="b"), "shared"),        # a shared one changed
    (SHARED, replace(SHARED, visibility="ORGANIZATION"), "shared"),
    (SHARED, None, "unshared"),                           # made private, or deleted
])
def test_publication(before, after, event):
    assert publication(before, after) == event


def test_excerpt_keeps_short_text_and_cuts_long_text_at_a_word():
    assert excerpt("  short  ") == "short"
    cut = excerpt("word " * 1000, limit=100)
    assert len(cut) <= 100 and cut.endswith("word…")
