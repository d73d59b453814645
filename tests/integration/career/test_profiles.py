"""Profiles, skill evidence from improvement work, mentors and the skill gap, on a real
broker against SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import partial

import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_waiter

from services.career.models import OUTBOX
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.integration.career.support import SKILLS, call, staff
from tests.support.services import outbox_events

TEAM = [
    {"name": "Mara Lead", "email": "mara@example.org", "team": "Quality",
     "title": "Quality Manager", "roles": ["manager"]},
    {"name": "Ana Tech", "email": "ana@example.org", "team": "Assembly",
     "title": "Assembly Technician"},
    {"name": "Ben Coach", "email": "ben@example.org", "team": "Quality",
     "title": "Continuous Improvement Lead"},
    {"name": "Cleo Mentor", "email": "cleo@example.org", "team": "Logistics",
     "title": "Warehouse Planner"},
]


@pytest.fixture
def people(career):
    return staff(career, TEAM)


events = partial(outbox_events, OUTBOX)


def profile(container, who, **fields):
    return call(container, "update_profile", who.user_id, fields, identity=who)


def test_profile_skills_are_normalised_to_esco_deduplicated_and_custom_ones_kept(
        career, career_db, people):
    ana = people["ana"]
    result = profile(career, ana, headline="  Builds   things ", skills=[
        {"name": "python", "level": 2}, {"name": "PYTHON ", "level": 4},
        {"name": "six sigma methodology", "level": 3}, {"name": "Kanban boards", "level": 2}],
        interests=["Robotics", "robotics", "Data"], aspirations="Lead a line",
        mentoring_skills=["Kanban boards"], available_hours_per_week=4)
    skills = [(s["skill"]["id"], s["level"]) for s in result["skills"]]
    assert skills[:2] == [(SKILLS["python"], 4), (SKILLS["six sigma"], 3)]
    custom = result["skills"][2]["skill"]
    assert custom["custom"] and custom["name"] == "Kanban boards" and len(skills) == 3
    assert result["headline"] == "Builds things" and result["interests"] == ["Robotics", "Data"]
    assert result["mentoring_skills"] == [custom] and result["available_hours_per_week"] == 4
    assert call(career, "get_profiles", [ana.user_id, "nobody"], identity=ana) == [
        result, None]
    assert call(career, "get_profiles", [ana.user_id], identity=people["ben"]) == [
        result | {"interests": [], "aspirations": "", "available_hours_per_week": None}]
    event = events(career_db, "profile_updated")[-1]
    assert event["person_id"] == ana.user_id and event["mentoring_skills"] == ["Kanban boards"]
    assert {"name": "Kanban boards", "skill_id": custom["id"], "level": 2} in event["skills"]


def test_the_same_custom_skill_typed_twice_is_one_skill(career, people):
    one = profile(career, people["ana"], skills=[{"name": "Kanban Boards", "level": 2}])
    two = profile(career, people["ben"], skills=[{"name": "kanban   boards", "level": 5}])
    assert one["skills"][0]["skill"]["id"] == two["skills"][0]["skill"]["id"]


def test_profile_edits_by_others_are_refused(career, people):
    ana, ben = people["ana"], people["ben"]
    profile(career, ana, headline="Mine")
    for intruder in (ben, people["mara"]):
        with pytest.raises(PermissionDenied):
            call(career, "update_profile", ana.user_id, {"headline": "Hacked"},
                 identity=intruder)
    assert call(career, "get_profiles", [ana.user_id], identity=ben)[0]["headline"] == "Mine"


def test_bad_profile_names_each_field_and_changes_nothing(career, people):
    ana = people["ana"]
    profile(career, ana, skills=[{"name": "python", "level": 3}])
    with pytest.raises(ValidationError) as raised:
        profile(career, ana, headline="x" * 200, skills=[{"name": "python", "level": 7}],
                available_hours_per_week=-1)
    fields = {e["field"] for e in raised.value.errors}
    assert fields == {"headline", "skills[0].level", "availableHoursPerWeek"}
    stored = call(career, "get_profiles", [ana.user_id], identity=ana)[0]
    assert [s["level"] for s in stored["skills"]] == [3] and stored["headline"] == ""


def test_skill_search_ranks_name_prefix_first_and_offers_custom_skills(
        career, people):
    ana = people["ana"]
    profile(career, ana, skills=[{"name": "Lean coffee facilitation", "level": 2}])
    hits = call(career, "search_skills", "lean", 5, identity=ana)
    assert {h["id"] for h in hits[:2]} == {SKILLS["lean"], SKILLS["lean project"]}
    assert hits[2] == {"id": hits[2]["id"], "name": "Lean coffee facilitation", "custom": True}
    assert call(career, "search_skills", "pyth", identity=ana)[0]["id"] == SKILLS["python"]
    assert call(career, "search_skills", "  ", identity=ana) == []


def _envelope(event_type: str, data: dict, event_id: str | None = None) -> dict:
    return {"event_id": event_id or str(uuid.uuid4()), "event_type": event_type,
            "source": "test", "occurred_at": datetime.now(UTC).isoformat(), "data": data}


def test_concluded_experiment_and_implemented_idea_become_evidence_once(
        career, rabbit_config, people):
    ana, ben = people["ana"], people["ben"]
    dispatch = event_dispatcher(rabbit_config)
    concluded = _envelope("experiment_concluded", {
        "experiment_id": "exp-1", "idea_id": None, "title": "Kanban for spare parts",
        "hypothesis": "fewer stock-outs", "decision": "ADOPT", "learnings": "It works",
        "owner_id": ben.user_id, "member_ids": [ana.user_id, ben.user_id],
        "concluded_at": "2026-03-01T10:00:00+00:00"})
    for _ in range(2):  # the same event delivered twice
        with entrypoint_waiter(career, "on_experiment_concluded"):
            dispatch("experiments", "experiment_concluded", concluded)
    changed = {"idea_id": "idea-1", "title": "Shadow board", "author_id": ana.user_id,
               "from_status": "EXPERIMENTING", "changed_by": ben.user_id,
               "changed_at": "2026-03-02T10:00:00+00:00"}
    for to_status in ("IMPLEMENTED", "DECLINED"):
        with entrypoint_waiter(career, "on_idea_status_changed"):
            dispatch("ideas", "idea_status_changed",
                     _envelope("idea_status_changed", {**changed, "to_status": to_status}))
    ana_p, ben_p = call(career, "get_profiles", [ana.user_id, ben.user_id], identity=ana)
    assert [(e["source"], e["title"]) for e in ana_p["evidence"]] == [
        ("IDEA", "Shadow board"), ("EXPERIMENT", "Kanban for spare parts")]
    assert "Ran experiment" in ana_p["evidence"][1]["text"]
    assert [e["source_id"] for e in ben_p["evidence"]] == ["exp-1"]


def test_skill_gap_sorts_skills_into_matched_under_level_and_missing(
        career, people):
    ana, mara, ben = people["ana"], people["mara"], people["ben"]
    profile(career, ana, skills=[{"name": "python", "level": 4}, {"name": "6 sigma", "level": 1}])
    opportunity = call(career, "post_opportunity", {
        "kind": "PROJECT", "title": "SPC dashboards", "skills": [
            {"name": "Python", "level": 3, "required": True},
            {"name": "six sigma methods", "level": 3, "required": True},
            {"name": "statistical process control", "level": 2, "required": False}]},
        identity=mara)
    gap = call(career, "skill_gap", opportunity["id"], identity=ana)
    assert [m["skill"]["id"] for m in gap["matched"]] == [SKILLS["python"]]
    assert gap["under_level"] == [{"skill": {"id": SKILLS["six sigma"],
                                             "name": "six sigma methods"},
                                   "required": 3, "have": 1, "essential": True}]
    assert [(m["skill"]["id"], m["required"]) for m in gap["missing"]] == [(SKILLS["spc"], 2)]
    assert gap["coverage"] == round((2 * 1 + 2 * (1 / 3)) / 5, 3)
    for other in (mara, ben):  # a manager, but not Ana's; a colleague
        with pytest.raises(PermissionDenied):
            call(career, "skill_gap", opportunity["id"], ana.user_id, identity=other)
    # a page of gaps in one call, in the order asked; None for an unknown opportunity
    assert call(career, "skill_gaps", ["nope", opportunity["id"]], identity=ana) == [None, gap]
    assert call(career, "skill_gaps", [], identity=ana) == []
    with pytest.raises(ValidationError) as error:
        call(career, "skill_gaps", ["x"] * 101, identity=ana)
    assert error.value.errors[0]["field"] == "opportunityIds"
    with pytest.raises(NotFound):
        call(career, "skill_gap", "nope", identity=ana)


def test_mentors_best_coverage_first_never_the_caller_and_requests(
        career, career_db, people):
    ana, ben, cleo = people["ana"], people["ben"], people["cleo"]
    profile(career, ben, mentoring_skills=["six sigma methods", "root cause analysis"])
    profile(career, cleo, mentoring_skills=["root cause analysis", "operate forklift"])
    profile(career, ana, mentoring_skills=["six sigma methods", "root cause analysis"])
    found = call(career, "find_mentors", ["6 sigma", "Root cause analysis"], identity=ana)
    assert [(m["person"]["name"], m["coverage"]) for m in found] == [
        ("Ben Coach", 1.0), ("Cleo Mentor", 0.5)]
    assert [s["id"] for s in found[1]["skills"]] == [SKILLS["root cause"]]
    request = call(career, "request_mentoring", ben.user_id, ["six sigma methods"],
                   "Can we meet weekly?", identity=ana)
    assert request["status"] == "PENDING"
    with pytest.raises(Conflict):  # one open request per mentor
        call(career, "request_mentoring", ben.user_id, ["root cause analysis"], identity=ana)
    with pytest.raises(Conflict):  # Mara offers no mentoring
        call(career, "request_mentoring", people["mara"].user_id, ["x"], identity=ana)
    with pytest.raises(PermissionDenied):  # only the mentor answers
        call(career, "respond_to_mentoring_request", request["id"], "ACCEPT", identity=ana)
    answer = call(career, "respond_to_mentoring_request", request["id"], "ACCEPT",
                  "Tuesdays at 10", identity=ben)
    assert answer["status"] == "ACCEPTED" and answer["response"] == "Tuesdays at 10"
    assert [r["id"] for r in call(career, "my_mentoring_requests", identity=ana)] == [
        request["id"]]
    assert events(career_db, "mentoring_requested")[0]["mentee_id"] == ana.user_id
