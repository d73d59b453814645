"""The career input rules on hand-made cases: profiles, opportunities, voices, searches."""
from __future__ import annotations

from datetime import date

import pytest

from services.career import validation
from shared.errors import ValidationError

TODAY = date(2026, 3, 1)


def test_profile_keeps_only_given_fields_and_names_bad_ones():
    clean = validation.validate_profile({"headline": "  Fixes   things ", "interests": None,
                                         "skills": [{"name": " Python ", "level": 2}]})
    assert clean == {"headline": "Fixes things", "skills": [{"name": "Python", "level": 2}]}
    with pytest.raises(ValidationError) as raised:
        validation.validate_profile({"skills": [{"name": "", "level": 0}, {"name": "x"}],
                                     "available_hours_per_week": 99, "interests": "robots"})
    assert [e["field"] for e in raised.value.errors] == [
        "interests", "skills[0].name", "skills[0].level", "skills[1].level",
        "availableHoursPerWeek"]


def opportunity(fields: dict, current: dict | None = None, taken: int = 0) -> dict:
    return validation.validate_opportunity(fields, TODAY, current, taken)


def test_opportunity_update_merges_over_the_current_fields():
    current = opportunity({"kind": "GIG", "title": "Night cover", "capacity": 2})
    updated = opportunity({"title": "Night shift cover", "kind": None}, current)
    assert updated == {**current, "title": "Night shift cover"}
    with pytest.raises(ValidationError) as raised:
        opportunity({"kind": "ROLE", "title": "Role", "starts_on": "soon", "hours_per_week": 0})
    assert [e["field"] for e in raised.value.errors] == ["hoursPerWeek", "startsOn"]


def test_a_past_closing_date_is_refused_only_when_it_is_set():
    old = {"kind": "GIG", "title": "Old gig", "closes_on": date(2026, 2, 1)}
    assert opportunity({"capacity": 3}, old)["capacity"] == 3
    with pytest.raises(ValidationError):
        opportunity({"closes_on": "2026-02-02"}, old)


def test_capacity_may_not_drop_below_the_places_already_taken():
    current = opportunity({"kind": "GIG", "title": "Night cover", "capacity": 3})
    assert opportunity({"capacity": 2}, current, taken=2)["capacity"] == 2
    with pytest.raises(ValidationError) as raised:
        opportunity({"capacity": 1}, current, taken=2)
    assert raised.value.errors == [{"field": "capacity", "message":
                                    "must be at least 2: 2 places are already taken"}]


def test_a_voice_is_at_least_ten_characters():
    with pytest.raises(ValidationError):
        validation.validate_voice("too short")
    assert validation.validate_voice("  It is a good role.  ") == "It is a good role."


def test_decisions_skill_names_and_search_sizes_are_named_when_bad():
    assert validation.clean_decision("ACCEPT") == "ACCEPT"
    with pytest.raises(ValidationError) as decision:
        validation.clean_decision("MAYBE")
    assert decision.value.errors[0]["field"] == "decision"
    assert validation.clean_skill_names([" Lean  six sigma ", " ", *"abcdefghijklmnopqrstuvwxyz"]
                                        )[:2] == ["Lean six sigma", "a"]
    assert len(validation.clean_skill_names(list("abcdefghijklmnopqrstuvwxyz"))) == 20
    with pytest.raises(ValidationError):
        validation.clean_skill_names([" "])
    assert validation.clean_first(None, 50) == 10
    with pytest.raises(ValidationError) as first:
        validation.clean_first(51, 50)
    assert first.value.errors == [{"field": "first", "message": "must be between 1 and 50"}]
    with pytest.raises(ValidationError) as both:
        validation.clean_mentor_search([""], 0, 50)
    assert [e["field"] for e in both.value.errors] == ["skills", "first"]
