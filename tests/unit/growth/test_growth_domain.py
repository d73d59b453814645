"""The growth rules, pure: periods and weeks, progress, what carries forward, when a
one-on-one is next and when its reminder is due, and the input checks."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.growth import domain, validation
from shared.errors import ValidationError


@pytest.mark.parametrize(("day", "period", "start"), [
    (date(2026, 1, 1), "2026-Q1", date(2026, 1, 1)),
    (date(2026, 3, 31), "2026-Q1", date(2026, 1, 1)),
    (date(2026, 4, 1), "2026-Q2", date(2026, 4, 1)),
    (date(2026, 12, 2), "2026-Q4", date(2026, 10, 1)),
])
def test_a_period_is_the_quarter_of_the_day(day, period, start):
    assert domain.period_of(day) == period and domain.period_start(period) == start


def test_a_week_is_named_by_its_monday():
    assert domain.week_of(date(2026, 12, 2)) == date(2026, 11, 30)  # a Wednesday
    assert domain.week_of(date(2026, 11, 30)) == date(2026, 11, 30)
    assert domain.week_of(date(2026, 12, 6)) == date(2026, 11, 30)  # the Sunday


@pytest.mark.parametrize(("start", "target", "current", "progress"), [
    (0, 10, 5, 0.5), (0, 10, 12, 1.0), (0, 10, -3, 0.0),
    (45, 25, 35, 0.5),  # toward a lower target
    (45, 25, 50, 0.0), (7, 7, 7, 1.0), (7, 7, 6, 0.0),
])
def test_key_result_progress_is_the_share_of_the_way_to_target(start, target, current,
                                                                progress):
    assert domain.key_result_progress(start, target, current) == pytest.approx(progress)


def test_goal_progress_is_the_mean_of_its_key_results():
    assert domain.goal_progress([1.0, 0.5, 0.0]) == pytest.approx(0.5)
    assert domain.goal_progress([]) is None


def test_plans_not_done_carry_forward_unless_done_now_or_planned_again():
    previous = [domain.Plan("Fix the jig", False), domain.Plan("Order gloves", True),
                domain.Plan("Call supplier", False), domain.Plan("Tidy  the BENCH", False)]
    assert domain.carried_plans(previous, ["call supplier"], ["tidy the bench"]) == [
        "Fix the jig"]
    assert domain.carried_plans([], [], []) == []


def test_the_next_meeting_is_the_first_not_yet_over():
    start = datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert domain.next_occurrence(start, 7, start - timedelta(days=3)) == start
    assert domain.next_occurrence(start, 7, start + timedelta(minutes=30)) == start
    assert domain.next_occurrence(start, 7, start + timedelta(hours=2)) == start + timedelta(7)
    assert domain.next_occurrence(start, 14, start + timedelta(days=20)) == start + timedelta(28)


def test_a_reminder_is_due_in_the_day_before_a_meeting_once():
    at = datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert domain.reminder_due(at, False, at - timedelta(hours=23))
    assert not domain.reminder_due(at, True, at - timedelta(hours=23))
    assert not domain.reminder_due(at, False, at - timedelta(hours=25))
    assert not domain.reminder_due(at, False, at + timedelta(minutes=1))


def test_an_idea_title_is_the_problem_cut_at_a_word():
    assert domain.idea_title("The jig wobbles") == "The jig wobbles"
    long = "word " * 40
    title = domain.idea_title(long.strip())
    assert len(title) <= 140 and title.endswith("word…")


def test_every_bad_goal_field_is_named_at_once():
    with pytest.raises(ValidationError) as raised:
        validation.validate_goal({"title": "x", "period": "2026-5", "visibility": "SECRET",
                                  "key_results": [{"title": "ok title", "start": "a"}]},
                                 "2026-Q4")
    assert {e["field"] for e in raised.value.errors} == {
        "title", "period", "visibility", "keyResults[0].start", "keyResults[0].target"}


def test_a_team_goal_cannot_be_private():
    with pytest.raises(ValidationError) as raised:
        validation.validate_goal({"title": "Cut scrap", "team": "Assembly",
                                  "visibility": "PRIVATE"}, "2026-Q4")
    assert [e["field"] for e in raised.value.errors] == ["visibility"]


def test_kudos_say_what_and_why_and_name_one_recipient():
    with pytest.raises(ValidationError) as raised:
        validation.validate_kudos({"message": "Thanks!", "visibility": "LOUD"})
    messages = {e["field"]: e["message"] for e in raised.value.errors}
    assert set(messages) == {"toPersonId", "message", "visibility"}
    assert "so it says what and why" in messages["message"]
    ok = validation.validate_kudos({"to_team_id": "Assembly",
                                    "message": "Thank you for the new changeover board!"})
    assert ok.visibility == "PUBLIC" and ok.to_team == "Assembly"


def test_a_check_in_names_every_bad_field():
    with pytest.raises(ValidationError) as raised:
        validation.validate_check_in({"week_of": "soon", "plans": ["ok plan", "x"],
                                      "problems": "not a list", "mood": 6}, date(2026, 12, 2))
    assert {e["field"] for e in raised.value.errors} == {"weekOf", "plans", "problems", "mood"}
