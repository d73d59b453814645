"""A mentoring programme's life on career workers (tests/support/workers.py): a coordinator
creates it, people enrol, a mentee is suggested mentors (the model's similarity stubbed),
asks one, the mentor accepts within capacity; goals, sessions, agenda, notes, action items
carried forward, the calendar file, closing with ratings and the mentor's evidence. Who may
see what is the privacy matrix in test_privacy.py."""
from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from services.career.models import Evidence, MentoringSession
from shared.clock import now
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.identity import SYSTEM
from tests.unit.career.mentoring.support import enrolled, matched, programme


def test_only_admins_and_coordinators_create_programmes_and_bad_input_names_fields(career,
                                                                                   who):
    with pytest.raises(PermissionDenied):
        programme(career, {"cora": who["tess"]})
    with pytest.raises(ValidationError) as refused:
        career.call("create_mentoring_programme", {"name": "x", "starts_on": "2027-02-01",
                                                   "ends_on": "2027-01-01"},
                    identity=who["cora"])
    assert {e["field"] for e in refused.value.errors} == {"name", "endsOn"}
    p = programme(career, who)
    assert p["coordinator_ids"] == [who["cora"].user_id] and p["coordinates"]


def test_enrolment_takes_a_role_once_and_respects_the_audience(career, who):
    p = programme(career, who, audience=["Assembly", "Quality"])
    with pytest.raises(ValidationError) as refused:
        career.call("enrol_in_programme", p["id"], {"role": "MENTOR", "skills": []},
                    identity=who["mona"])
    assert {e["field"] for e in refused.value.errors} == {"skills", "capacity"}
    career.call("enrol_in_programme", p["id"], {"role": "MENTOR", "skills": ["Python"],
                                                "capacity": 2}, identity=who["mona"])
    with pytest.raises(Conflict):
        career.call("enrol_in_programme", p["id"], {"role": "MENTEE", "skills": ["Python"],
                                                    "goal": "Learn"}, identity=who["mona"])
    with pytest.raises(PermissionDenied):
        career.call("enrol_in_programme", p["id"], {"role": "MENTEE", "skills": ["Python"],
                                                    "goal": "Learn"}, identity=who["otto"])


def test_suggestions_rank_by_the_model_and_skills_with_reasons_and_spread_load(career, who):
    p = enrolled(career, who, capacity=2)
    first = career.call("suggested_mentors", p["id"], identity=who["tess"])
    assert [s["person_id"] for s in first] == [who["max"].user_id, who["mona"].user_id]
    assert first[0]["shared_skills"] == ["Lean manufacturing"]
    assert first[0]["reasons"][0] == "Helps with Lean manufacturing"
    assert "No mentees yet" in first[0]["reasons"]
    matched(career, who, p)
    second = career.call("suggested_mentors", p["id"], identity=who["tom"])
    assert second[0]["person_id"] == who["max"].user_id and second[0]["load"] == 1
    assert second[0]["score"] < first[0]["score"]  # a taken place weighs against Max
    assert "1 of 2 places free" in second[0]["reasons"]
    with pytest.raises(PermissionDenied):
        career.call("suggested_mentors", p["id"], identity=who["mona"])


def test_a_full_mentor_is_never_suggested_and_refuses_a_second_accept(career, who):
    p = enrolled(career, who, capacity=1)
    tom = career.call("request_match", p["id"], who["max"].user_id, identity=who["tom"])
    matched(career, who, p)
    assert who["max"].user_id not in [
        s["person_id"] for s in career.call("suggested_mentors", p["id"], identity=who["tom"])]
    with pytest.raises(Conflict, match="full"):
        career.call("decide_match", tom["id"], "ACCEPT", identity=who["max"])
    assert career.call("decide_match", tom["id"], "DECLINE",
                       identity=who["max"])["status"] == "DECLINED"
    assert [e["decision"] for e in career.events("mentoring_match_decided")] == [
        "ACCEPT", "DECLINE"]
    assert len(career.events("mentoring_match_requested")) == 2


def test_only_the_mentor_or_a_coordinator_decides_and_the_coordinator_may_pair(career, who):
    p = enrolled(career, who)
    m = career.call("request_match", p["id"], who["max"].user_id, identity=who["tess"])
    with pytest.raises(PermissionDenied):
        career.call("decide_match", m["id"], "ACCEPT", identity=who["tess"])
    with pytest.raises(Conflict):
        career.call("request_match", p["id"], who["mona"].user_id, identity=who["tess"])
    paired = career.call("set_match", p["id"], who["mona"].user_id, who["tom"].user_id,
                         identity=who["cora"])
    assert (paired["status"], paired["how"]) == ("ACTIVE", "COORDINATOR")
    with pytest.raises(PermissionDenied):
        career.call("set_match", p["id"], who["mona"].user_id, who["tom"].user_id,
                    identity=who["tess"])


def test_a_mentorship_holds_goals_sessions_agenda_notes_and_carried_action_items(career,
                                                                                  who):
    m = matched(career, who, enrolled(career, who))
    goal = career.call("add_mentorship_goal", m["id"], {
        "title": "Run a kaizen event", "target_date": "2027-03-01",
        "tasks": [{"text": "Pick a process"}]}, identity=who["tess"])
    done = career.call("update_mentorship_goal", goal["id"], {"progress": 100},
                       identity=who["max"])
    assert done["completed_at"] and done["tasks"] == [{"text": "Pick a process",
                                                       "done": False}]
    at = now() + timedelta(days=2)
    first = career.call("schedule_session", m["id"], at.isoformat(), 45, identity=who["tess"])
    career.call("add_agenda_item", first["id"], "Which process?", identity=who["tess"])
    seen = career.call("add_agenda_item", first["id"], "Bring the map", identity=who["max"])
    assert [a["text"] for a in seen["agenda"]] == ["Which process?", "Bring the map"]
    open_item = career.call("add_action_item", first["id"], "Map the line",
                            who["tess"].user_id, identity=who["max"])
    closed = career.call("add_action_item", first["id"], "Book the room",
                         who["max"].user_id, identity=who["max"])
    assert set(open_item) == {"id", "text", "owner_id", "done", "created_at",
                              "completed_at"}
    career.call("complete_action_item", closed["id"], identity=who["max"])
    with pytest.raises(Conflict):
        career.call("complete_action_item", closed["id"], identity=who["max"])
    with pytest.raises(PermissionDenied):
        career.call("add_action_item", first["id"], "x", who["otto"].user_id,
                    identity=who["max"])
    second = career.call("schedule_session", m["id"], (at + timedelta(days=14)).isoformat(),
                         30, identity=who["max"])
    assert [i["text"] for i in second["carried_action_items"]] == ["Map the line"]
    assert second["action_items"] == []
    calendar = Calendar.from_ical(career.call("session_ics", second["id"],
                                              identity=who["tess"]))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=30)
    assert "Max Mentor" in str(event["summary"])
    assert [e["session_id"] for e in career.events("session_scheduled")] == [
        first["id"], second["id"]]


def test_the_agenda_closes_when_a_session_begins(career, who):
    m = matched(career, who, enrolled(career, who))
    career.call("backdate_mentorship", m["id"], 1, identity=SYSTEM)  # matched yesterday
    past = career.call("schedule_session", m["id"], (now() - timedelta(hours=2)).isoformat(),
                       60, identity=who["tess"])
    assert past["held"]
    with pytest.raises(Conflict):
        career.call("add_agenda_item", past["id"], "Too late", identity=who["tess"])


def test_a_session_is_never_before_the_match_and_only_the_seed_moves_a_match_back(career,
                                                                                   who):
    m = matched(career, who, enrolled(career, who))
    with pytest.raises(ValidationError) as refused:
        career.call("schedule_session", m["id"], (now() - timedelta(hours=2)).isoformat(), 60,
                    identity=who["tess"])
    assert [e["field"] for e in refused.value.errors] == ["at"]
    assert career.rows(select(MentoringSession)) == []
    with pytest.raises(PermissionDenied):
        career.call("backdate_mentorship", m["id"], 30, identity=who["cora"])
    moved = career.call("backdate_mentorship", m["id"], 1, identity=SYSTEM)
    assert moved["matched_at"] < (now() - timedelta(hours=23)).isoformat()


def test_closing_takes_each_sides_rating_once_and_credits_the_mentor(career, who):
    m = matched(career, who, enrolled(career, who))
    with pytest.raises(ValidationError) as refused:
        career.call("close_mentorship", m["id"], 6, "", identity=who["tess"])
    assert refused.value.errors[0]["field"] == "rating"
    closed = career.call("close_mentorship", m["id"], 5, "I ran my first event",
                         to_journal=True, identity=who["tess"])
    assert closed["status"] == "CLOSED" and closed["closed_by"] == ["mentee"]
    assert closed["milestones"][-1]["reached_at"] is not None
    with pytest.raises(Conflict):
        career.call("close_mentorship", m["id"], 4, "", identity=who["tess"])
    by_mentor = career.call("close_mentorship", m["id"], 4, "Good pair", identity=who["max"])
    assert by_mentor["closed_by"] == ["mentor", "mentee"] and by_mentor["my_rating"] == 4
    assert career.rows(select(Evidence.source, Evidence.text)) == [
        ("MENTORING", "Mentored 1 person in Lean manufacturing, 5S")]
    assert len(career.events("mentorship_closed")) == 1
    with pytest.raises(Conflict):
        career.call("schedule_session", m["id"], now().isoformat(), 30, identity=who["max"])


def test_an_accepted_request_outside_programmes_becomes_a_mentorship(career, who):
    career.call("update_profile", who["mona"].user_id, {"mentoring_skills": ["Python"]},
                identity=who["mona"])
    request = career.call("request_mentoring", who["mona"].user_id, ["Python"],
                          identity=who["otto"])
    career.call("respond_to_mentoring_request", request["id"], "ACCEPT", identity=who["mona"])
    [m] = career.call("my_mentorships", identity=who["otto"])
    assert (m["programme_id"], m["how"], m["status"]) == (None, "REQUEST", "ACTIVE")
    assert m["milestones"][3] == {"name": "HALFWAY", "reached_at": None}
    with pytest.raises(NotFound):
        career.call("get_mentorship", m["id"], identity=who["tess"])
