"""Prompt templates and the export of one's own reflections."""
from __future__ import annotations

import json

import pytest

from services.reflections.export import export
from services.reflections.prompts import BUILT_IN, PromptDraft, clean_prompt
from shared.errors import ValidationError

ENTRY = {"id": "r1", "author_id": "p1", "team": "Assembly", "visibility": "TEAM",
         "body": "## What went well?\nThe board.", "prompt_id": "builtin-retrospective",
         "tags": ["5s"], "mood": 4, "links": [{"kind": "IDEA", "id": "i1"}], "idea_id": "i9",
         "created_at": "2024-05-01T09:30:00+00:00", "updated_at": "2024-05-01T09:30:00+00:00"}


def test_built_in_prompts_cover_the_three_classic_forms():
    titles = [p.title for p in BUILT_IN]
    assert len(titles) == 3 and "Progress, plans, problems" in titles
    assert BUILT_IN[0].template() == ("## What went well?\n\n\n## What did I learn?\n\n\n"
                                      "## What will I try next?\n\n")
    assert all(p.built_in and p.id.startswith("builtin-") for p in BUILT_IN)


def test_an_organisation_prompt_is_cleaned_and_checked():
    clean = clean_prompt({"title": "  Safety   moment ", "questions": ["  What  near miss? "]})
    assert clean == PromptDraft(title="Safety moment", description="",
                                questions=("What near miss?",))
    with pytest.raises(ValidationError) as raised:
        clean_prompt({"title": "ab", "description": "d" * 501, "questions": ["ok?"] * 11})
    assert {e["field"] for e in raised.value.errors} == {"title", "description", "questions"}


def test_markdown_export_reads_like_a_journal():
    text = export([ENTRY], "MARKDOWN", {"builtin-retrospective": "Retro"})
    assert text.startswith("# My reflections\n\n1 reflection, oldest first.")
    for part in ("## 2024-05-01 09:30 UTC", "- Visibility: TEAM", "- Tags: 5s", "- Mood: 4/5",
                 "- Prompt: Retro", "- Link: idea i1", "- Became idea i9",
                 "## What went well?\nThe board."):
        assert part in text


def test_json_export_round_trips_and_other_formats_are_refused():
    assert json.loads(export([ENTRY], "JSON", {})) == {"reflections": [ENTRY]}
    with pytest.raises(ValidationError) as raised:
        export([ENTRY], "PDF", {})
    assert raised.value.errors[0]["field"] == "format"
