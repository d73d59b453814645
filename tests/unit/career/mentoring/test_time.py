"""Time in a mentorship, with the clock file moved forward (shared.clock): milestones that
follow activity, the halfway mark by the programme's dates, "stuck" after 21 quiet days
(shown to the coordinator and alerted once per quiet spell), and the programme report."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from shared import clock
from shared.clock import now
from tests.unit.career.mentoring.support import enrolled, matched


@pytest.fixture
def later(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    return lambda days: clock.advance(path, timedelta(days=days))


def reached(view) -> dict:
    return {m["name"]: m["reached_at"] is not None for m in view["milestones"]}


def test_milestones_follow_activity_and_the_programme_dates(career, who, later):
    p = enrolled(career, who)
    m = matched(career, who, p)
    assert reached(m) == {"MATCHED": True, "FIRST_SESSION": False, "FIRST_GOAL": False,
                          "HALFWAY": False, "COMPLETED": False}
    career.call("schedule_session", m["id"], (now() + timedelta(days=3)).isoformat(), 30,
                identity=who["tess"])
    career.call("add_mentorship_goal", m["id"], {"title": "Lead a 5S audit"},
                identity=who["max"])
    view = career.call("get_mentorship", m["id"], identity=who["tess"])
    assert not reached(view)["FIRST_SESSION"] and reached(view)["FIRST_GOAL"]
    later(4)
    assert reached(career.call("get_mentorship", m["id"], identity=who["tess"]))[
        "FIRST_SESSION"]
    later(31)  # the programme began 10 days ago and lasts 90: halfway after day 45
    assert reached(career.call("get_mentorship", m["id"], identity=who["cora"]))["HALFWAY"]


def test_a_quiet_pair_is_stuck_after_21_days_and_alerted_once(career, who, later):
    m = matched(career, who, enrolled(career, who))
    later(20)
    assert career.call("flag_stuck_mentorships", identity=None) == 0
    assert not career.call("get_mentorship", m["id"], identity=who["cora"])["stuck"]
    later(1)
    [seen] = career.call("programme_mentorships", m["programme_id"], identity=who["cora"])
    assert seen["stuck"]
    assert career.call("flag_stuck_mentorships", identity=None) == 1
    assert career.call("flag_stuck_mentorships", identity=None) == 0
    [alert] = career.events("mentorship_stuck")
    assert alert["coordinator_ids"] == [who["cora"].user_id]
    assert alert["mentorship_id"] == m["id"]
    career.call("add_mentorship_goal", m["id"], {"title": "Start again"}, identity=who["tess"])
    assert not career.call("get_mentorship", m["id"], identity=who["cora"])["stuck"]
    later(22)
    assert career.call("flag_stuck_mentorships", identity=None) == 1  # a new quiet spell


def test_both_are_reminded_once_when_a_session_is_a_day_away(career, who, later):
    m = matched(career, who, enrolled(career, who))
    soon = career.call("schedule_session", m["id"], (now() + timedelta(days=3)).isoformat(),
                       45, identity=who["tess"])
    career.call("schedule_session", m["id"], (now() + timedelta(days=9)).isoformat(), 30,
                identity=who["max"])
    assert career.call("remind_of_sessions", identity=None) == 0
    later(2.5)
    assert career.call("remind_of_sessions", identity=None) == 1
    assert career.call("remind_of_sessions", identity=None) == 0
    [due] = career.events("mentoring_session_due")
    assert (due["session_id"], due["mentor_id"], due["mentee_id"], due["duration_minutes"]) \
        == (soon["id"], who["max"].user_id, who["tess"].user_id, 45)
    career.call("close_mentorship", m["id"], 4, "", identity=who["tess"])
    later(6)  # the second session is a day away, but the mentorship has closed
    assert career.call("remind_of_sessions", identity=None) == 0


def test_the_report_counts_without_showing_a_pair(career, who, later):
    p = enrolled(career, who, capacity=2)
    m = matched(career, who, p)
    tom = career.call("request_match", p["id"], who["max"].user_id, identity=who["tom"])
    career.call("schedule_session", m["id"], (now() + timedelta(days=2)).isoformat(), 30,
                identity=who["tess"])
    goal = career.call("add_mentorship_goal", m["id"], {"title": "Run an event"},
                       identity=who["tess"])
    career.call("update_mentorship_goal", goal["id"], {"progress": 100}, identity=who["tess"])
    later(3)
    career.call("close_mentorship", m["id"], 5, "", identity=who["tess"])
    report = career.call("programme_report", p["id"], identity=who["cora"])
    assert {k: report[k] for k in (
        "enrolled_mentors", "enrolled_mentees", "matched_mentees", "match_rate",
        "median_days_to_first_session", "sessions_per_mentorship", "stuck_mentorships",
        "goals_completed", "mean_rating")} == {
        "enrolled_mentors": 2, "enrolled_mentees": 2, "matched_mentees": 1,
        "match_rate": 0.5, "median_days_to_first_session": 2.0,
        "sessions_per_mentorship": 1.0, "stuck_mentorships": 0, "goals_completed": 1,
        "mean_rating": None}  # one rated pair: its rating is not shown
    assert report["teams"] == ["Assembly", "Quality"]
    career.call("decide_match", tom["id"], "ACCEPT", identity=who["max"])
    by_team = career.call("programme_report", p["id"], "Quality", identity=who["cora"])
    assert (by_team["enrolled_mentors"], by_team["enrolled_mentees"],
            by_team["matched_mentees"]) == (2, 0, 0)
    rows = list(csv.DictReader(io.StringIO(
        career.call("programme_report_csv", p["id"], identity=who["cora"]))))
    assert [r["team"] for r in rows] == ["(all)", "Assembly", "Quality"]
    assert rows[0]["matched_mentees"] == "2" and rows[0]["mean_rating"] == ""
    assert "rating" not in rows[0] and "reflection" not in ",".join(rows[0])
