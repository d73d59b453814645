"""The career rules on hand-made cases: skill gap, validation, applications, mentors."""
from __future__ import annotations

from datetime import date

import pytest

from services.career import domain
from shared.errors import Conflict, PermissionDenied, ValidationError

TODAY = date(2026, 3, 1)


def wanted(skill_id, level, required=True):
    return {"skill_id": skill_id, "name": skill_id.title(), "level": level,
            "required": required}


def test_skill_gap_sorts_each_skill_and_weighs_required_twice():
    gap = domain.skill_gap(
        [wanted("python", 3), wanted("sql", 4), wanted("spc", 2, required=False),
         wanted("lean", 2)],
        {"python": 5, "sql": 2, "excel": 4})
    assert [m["skill"]["id"] for m in gap["matched"]] == ["python"]
    assert gap["matched"][0] == {"skill": {"id": "python", "name": "Python"}, "required": 3,
                                 "essential": True, "have": 5}
    assert gap["under_level"] == [{"skill": {"id": "sql", "name": "Sql"}, "required": 4,
                                   "essential": True, "have": 2}]
    assert [(m["skill"]["id"], m["essential"]) for m in gap["missing"]] == [
        ("spc", False), ("lean", True)]
    # python 2*1, sql 2*(2/4), spc 0, lean 0 over weights 2+2+1+2
    assert gap["coverage"] == round(3 / 7, 3)


def test_level_just_below_required_is_under_level_and_equal_is_matched():
    gap = domain.skill_gap([wanted("a", 3), wanted("b", 3)], {"a": 2, "b": 3})
    assert [u["skill"]["id"] for u in gap["under_level"]] == ["a"]
    assert [m["skill"]["id"] for m in gap["matched"]] == ["b"]


def test_skill_gap_of_an_opportunity_without_skills_is_full_coverage():
    assert domain.skill_gap([], {"x": 1}) == {"matched": [], "missing": [],
                                              "under_level": [], "coverage": 1.0}


def test_profile_keeps_only_given_fields_and_names_bad_ones():
    clean = domain.validate_profile({"headline": "  Fixes   things ", "interests": None,
                                     "skills": [{"name": " Python ", "level": 2}]})
    assert clean == {"headline": "Fixes things", "skills": [{"name": "Python", "level": 2}]}
    with pytest.raises(ValidationError) as raised:
        domain.validate_profile({"skills": [{"name": "", "level": 0}, {"name": "x"}],
                                 "available_hours_per_week": 99, "interests": "robots"})
    assert [e["field"] for e in raised.value.errors] == [
        "interests", "skills[0].name", "skills[0].level", "skills[1].level",
        "availableHoursPerWeek"]


def test_duplicate_skills_keep_the_first_position_and_the_highest_level():
    skills = [{"skill_id": "a", "level": 2}, {"skill_id": "b", "level": 1},
              {"skill_id": "a", "level": 4}]
    assert domain.dedupe_skills(skills) == [{"skill_id": "a", "level": 4},
                                            {"skill_id": "b", "level": 1}]


def test_opportunity_update_merges_over_the_current_fields():
    current = domain.validate_opportunity({"kind": "GIG", "title": "Night cover",
                                           "capacity": 2}, TODAY)
    updated = domain.validate_opportunity({"title": "Night shift cover", "kind": None},
                                          TODAY, current)
    assert updated == {**current, "title": "Night shift cover"}
    with pytest.raises(ValidationError) as raised:
        domain.validate_opportunity({"kind": "ROLE", "title": "Role",
                                     "starts_on": "soon", "hours_per_week": 0}, TODAY)
    assert [e["field"] for e in raised.value.errors] == ["hoursPerWeek", "startsOn"]


def test_a_past_closing_date_is_refused_only_when_it_is_set():
    old = {"kind": "GIG", "title": "Old gig", "closes_on": date(2026, 2, 1)}
    assert domain.validate_opportunity({"capacity": 3}, TODAY, old)["capacity"] == 3
    with pytest.raises(ValidationError):
        domain.validate_opportunity({"closes_on": "2026-02-02"}, TODAY, old)


def test_capacity_may_not_drop_below_the_places_already_taken():
    current = domain.validate_opportunity({"kind": "GIG", "title": "Night cover",
                                           "capacity": 3}, TODAY)
    assert domain.validate_opportunity({"capacity": 2}, TODAY, current, taken=2)["capacity"] == 2
    with pytest.raises(ValidationError) as raised:
        domain.validate_opportunity({"capacity": 1}, TODAY, current, taken=2)
    assert raised.value.errors == [{"field": "capacity", "message":
                                    "must be at least 2: 2 places are already taken"}]


OPEN = {"owner_id": "olga", "status": "OPEN", "closes_on": None}


def test_interest_is_refused_on_own_closed_expired_and_repeated():
    domain.check_interest(OPEN, "pia", None, TODAY)
    domain.check_interest(OPEN, "pia", "WITHDRAWN", TODAY)  # may come back
    with pytest.raises(PermissionDenied):
        domain.check_interest(OPEN, "olga", None, TODAY)
    for status, closes_on in (("CLOSED", None), ("OPEN", date(2026, 2, 28))):
        with pytest.raises(Conflict):
            domain.check_interest({**OPEN, "status": status, "closes_on": closes_on}, "pia",
                                  None, TODAY)
    with pytest.raises(Conflict):
        domain.check_interest(OPEN, "pia", "PENDING", TODAY)


def test_decisions_respect_state_and_capacity():
    assert domain.check_decision("ACCEPT", "PENDING", "OPEN", 1, 2) == "ACCEPTED"
    assert domain.check_decision("DECLINE", "PENDING", "CLOSED", 9, 1) == "DECLINED"
    for args in (("ACCEPT", "PENDING", "OPEN", 2, 2), ("ACCEPT", "ACCEPTED", "OPEN", 0, 2),
                 ("ACCEPT", "PENDING", "CLOSED", 0, 2)):
        with pytest.raises(Conflict):
            domain.check_decision(*args)
    assert domain.check_withdraw("ACCEPTED") == "WITHDRAWN"
    with pytest.raises(Conflict):
        domain.check_withdraw("DECLINED")


def test_mentors_ranked_by_coverage_then_breadth_then_name_never_the_caller():
    offers = [
        {"person_id": "zoe", "name": "Zoe", "skill_ids": ["a"]},
        {"person_id": "me", "name": "Me", "skill_ids": ["a", "b"]},
        {"person_id": "amy", "name": "Amy", "skill_ids": ["a"]},
        {"person_id": "bob", "name": "Bob", "skill_ids": ["b", "a", "c"]},
        {"person_id": "cat", "name": "Cat", "skill_ids": ["c"]},
    ]
    ranked = domain.rank_mentors(["a", "b"], offers, "me")
    assert [(m["person_id"], m["coverage"]) for m in ranked] == [
        ("bob", 1.0), ("amy", 0.5), ("zoe", 0.5)]
    assert ranked[0]["skill_ids"] == ["b", "a"]


def test_voice_standing_current_holder_past_holder_or_none():
    key = domain.key_of("Forklift  Operator")
    assert domain.voice_standing(key, "forklift operator", set()) is True
    assert domain.voice_standing(key, "Line Operator", {key}) is False
    assert domain.voice_standing(key, "Line Operator", set()) is None
    with pytest.raises(ValidationError):
        domain.validate_voice("too short")
