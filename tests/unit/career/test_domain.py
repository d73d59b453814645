"""The career rules on hand-made cases: skill gap, applications, mentors, voices,
evidence."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from services.career import domain
from services.career.domain import LeveledSkill, MentorOffer, WantedSkill
from shared.errors import Conflict, PermissionDenied

TODAY = date(2026, 3, 1)


def wanted(skill_id, level, required=True):
    return WantedSkill(skill_id, skill_id.title(), level, required)


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


def test_duplicate_skills_keep_the_first_position_and_the_highest_level():
    skills = [LeveledSkill("a", 2), LeveledSkill("b", 1), LeveledSkill("a", 4)]
    assert domain.dedupe_skills(skills) == [LeveledSkill("a", 4), LeveledSkill("b", 1)]


def test_a_skill_asked_for_twice_is_required_when_either_asks_for_it():
    skills = [LeveledSkill("a", 3, False), LeveledSkill("a", 1, True)]
    assert domain.dedupe_skills(skills) == [LeveledSkill("a", 3, True)]


@dataclass(frozen=True)
class Opening:
    owner_id: str
    status: str
    closes_on: date | None


OPEN = Opening(owner_id="olga", status="OPEN", closes_on=None)


def test_interest_is_refused_on_own_closed_expired_and_repeated():
    domain.check_interest(OPEN, "pia", None, TODAY)
    domain.check_interest(OPEN, "pia", "WITHDRAWN", TODAY)  # may come back
    with pytest.raises(PermissionDenied):
        domain.check_interest(OPEN, "olga", None, TODAY)
    for status, closes_on in (("CLOSED", None), ("OPEN", date(2026, 2, 28))):
        with pytest.raises(Conflict):
            domain.check_interest(replace(OPEN, status=status, closes_on=closes_on), "pia",
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
        MentorOffer("zoe", "Zoe", ("a",)),
        MentorOffer("me", "Me", ("a", "b")),
        MentorOffer("amy", "Amy", ("a",)),
        MentorOffer("bob", "Bob", ("b", "a", "c")),
        MentorOffer("cat", "Cat", ("c",)),
    ]
    ranked = domain.rank_mentors(["a", "b"], offers, "me")
    assert [(m.person_id, m.coverage) for m in ranked] == [
        ("bob", 1.0), ("amy", 0.5), ("zoe", 0.5)]
    assert ranked[0].skill_ids == ("b", "a")


def test_voice_standing_current_holder_past_holder_or_none():
    key = domain.key_of("Forklift  Operator")
    assert domain.voice_standing(key, "forklift operator", set()) is True
    assert domain.voice_standing(key, "Line Operator", {key}) is False
    assert domain.voice_standing(key, "Line Operator", set()) is None


def test_evidence_of_an_experiment_names_the_decision_and_everyone_who_ran_it_once():
    text = domain.experiment_evidence("Kanban", "ADOPT", "x" * 400)
    assert text == "Ran experiment \u201cKanban\u201d (decided: ADOPT): " + "x" * 300
    assert domain.experiment_evidence("Kanban", "ABANDON", "") == (
        "Ran experiment \u201cKanban\u201d (decided: ABANDON)")
    assert domain.experiment_people("olga", ["pia", "olga", "raj", "pia"]) == [
        "olga", "pia", "raj"]


def test_only_an_implemented_idea_is_evidence():
    assert domain.idea_evidence("IMPLEMENTED", "Kanban") == (
        "Implemented improvement idea \u201cKanban\u201d")
    for status in ("ACCEPTED", "EXPERIMENTING", "DECLINED"):
        assert domain.idea_evidence(status, "Kanban") is None


def test_a_mentor_answers_accept_or_decline():
    assert domain.mentoring_answer("ACCEPT") == "ACCEPTED"
    assert domain.mentoring_answer("DECLINE") == "DECLINED"
