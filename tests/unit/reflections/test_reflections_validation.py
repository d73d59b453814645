"""Input rules of reflections and list filters."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.reflections.validation import (
    ListFilter,
    clean_filter,
    clean_import,
    clean_reflection,
    normalise_tag,
)
from shared.errors import ValidationError

PROMPTS = {"builtin-retrospective"}


def fields_of(error: pytest.ExceptionInfo) -> set[str]:
    return {e["field"] for e in error.value.errors}


def test_defaults_of_a_new_reflection():
    clean = clean_reflection({"body": " text "}, "Assembly", PROMPTS)
    assert clean == {"body": "text", "prompt_id": None, "tags": [], "mood": None,
                     "visibility": "PRIVATE", "links": []}


def test_partial_changes_keep_only_what_was_given():
    assert clean_reflection({"mood": None}, None, PROMPTS, partial=True) == {"mood": None}


@pytest.mark.parametrize(("fields", "bad"), [
    ({"body": ""}, "body"), ({"body": "x" * 20_001}, "body"), ({"body": 7}, "body"),
    ({"body": "x", "mood": 0}, "mood"), ({"body": "x", "mood": True}, "mood"),
    ({"body": "x", "mood": 2.5}, "mood"), ({"body": "x", "visibility": "PUBLIC"}, "visibility"),
    ({"body": "x", "prompt_id": "mine"}, "promptId"),
    ({"body": "x", "tags": [f"t{i}" for i in range(11)]}, "tags"),
    ({"body": "x", "tags": ["t" * 31]}, "tags"), ({"body": "x", "tags": "one"}, "tags"),
    ({"body": "x", "links": [{"kind": "PERSON", "id": "p"}]}, "links"),
    ({"body": "x", "links": [{"kind": "IDEA", "id": ""}]}, "links"),
    ({"body": "x", "links": [{"kind": "IDEA", "id": f"i{i}"} for i in range(21)]}, "links"),
    ({"body": "x", "author_id": "someone-else"}, "author_id"),
])
def test_each_bad_field_is_named(fields, bad):
    with pytest.raises(ValidationError) as raised:
        clean_reflection(fields, "Assembly", PROMPTS)
    assert fields_of(raised) == {bad}


def test_the_body_may_be_exactly_20000_characters():
    assert len(clean_reflection({"body": "x" * 20_000}, None, PROMPTS)["body"]) == 20_000


def test_tags_are_normalised_and_links_deduplicated():
    clean = clean_reflection({"body": "x", "tags": ["Quick Win", "quick_win", "5S!"],
                              "links": [{"kind": "IDEA", "id": " i1 "}, {"kind": "IDEA",
                                                                         "id": "i1"}]},
                             None, PROMPTS)
    assert clean["tags"] == ["quick-win", "5s"]
    assert clean["links"] == [{"kind": "IDEA", "id": "i1"}]
    assert normalise_tag("  Über Flow ") == "über-flow"


def test_team_visibility_needs_a_team():
    with pytest.raises(ValidationError) as raised:
        clean_reflection({"body": "x", "visibility": "TEAM"}, None, PROMPTS)
    assert fields_of(raised) == {"visibility"}


def test_filter_is_cleaned_and_checked():
    clean = clean_filter({"tag": "Flow", "search": "  kanban ", "from": "2024-01-01T00:00:00"})
    assert clean == ListFilter(tag="flow", search="kanban",
                               since=datetime(2024, 1, 1, tzinfo=UTC), until=None)
    assert clean_filter(None) == ListFilter(tag=None, search=None, since=None, until=None)
    with pytest.raises(ValidationError) as raised:
        clean_filter({"from": "yesterday", "to": "2024-01-01", "search": "s" * 201, "x": 1})
    assert fields_of(raised) == {"from", "search", "x"}
    with pytest.raises(ValidationError) as raised:
        clean_filter({"from": "2024-02-01", "to": "2024-01-01"})
    assert fields_of(raised) == {"to"}


def test_an_import_needs_an_author_and_a_past_time():
    now = datetime(2024, 6, 1, tzinfo=UTC)
    item = {"author_id": "p1", "team": "Assembly", "created_at": "2024-05-01T09:00:00+02:00",
            "body": "Seeded", "visibility": "TEAM"}
    clean = clean_import(item, PROMPTS, now)
    assert clean.created_at == datetime(2024, 5, 1, 7, tzinfo=UTC)
    assert clean.fields["visibility"] == "TEAM" and clean.team == "Assembly"
    with pytest.raises(ValidationError) as raised:
        clean_import({"body": "x", "created_at": "2024-07-01T00:00:00"}, PROMPTS, now)
    assert fields_of(raised) == {"authorId", "createdAt"}
