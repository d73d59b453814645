"""Reminders nobody's action triggers: an overdue measurement of a running experiment (the
team's own cadence, told once per spell, to owner and members only) and the weekly
reflection prompt (only for those who asked, once a week)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.notifications import reminders
from shared import clock
from tests.support.identities import ANA, BEN, CARLA
from tests.unit.notifications.conftest import envelope

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_not_started_is_never_overdue_and_the_first_points_get_a_week():
    assert reminders.next_point_due(None, []) is None
    assert reminders.next_point_due(START, []) == START + timedelta(days=7)
    two = [START + timedelta(days=1), START + timedelta(days=2)]
    assert reminders.next_point_due(START, two) == START + timedelta(days=9)


def test_from_three_points_the_cadence_is_the_median_gap_twice_at_least_a_day():
    daily = [START + timedelta(days=n) for n in range(4)]
    assert reminders.next_point_due(START, daily) == daily[-1] + timedelta(days=2)
    weekly_with_one_quick = [START, START + timedelta(days=7), START + timedelta(days=8),
                             START + timedelta(days=15)]
    assert reminders.usual_gap(weekly_with_one_quick) == timedelta(days=7)
    hourly = [START + timedelta(hours=n) for n in range(5)]
    assert reminders.next_point_due(START, hourly) == hourly[-1] + timedelta(days=1)


def _plan_and_start(notifications, at: datetime) -> str:
    notifications.handle("on_experiment_planned", envelope(
        "experiment_planned", "experiments", experiment_id="x1", idea_id=None,
        title="Kanban cards at the press", hypothesis="h", owner_id=ANA.user_id,
        member_ids=[BEN.user_id]))
    notifications.handle("on_experiment_started", envelope(
        "experiment_started", "experiments", experiment_id="x1", idea_id=None,
        title="Kanban cards at the press", started_at=at.isoformat()))
    return "x1"


def _point(notifications, at: datetime, corrected_from=None) -> None:
    notifications.handle("on_measurement_recorded", envelope(
        "measurement_recorded", "experiments", experiment_id="x1",
        measurement_id=at.isoformat(), value=3.0, at=at.isoformat(),
        corrected_from=corrected_from, recorded_by=BEN.user_id))


def _overdue(notifications, who) -> list[dict]:
    return [n for n in notifications.inbox(who) if n["kind"] == "MEASUREMENT_OVERDUE"]


def test_an_overdue_point_is_told_to_owner_and_members_once_per_spell(notifications,
                                                                       clock_file):
    started = clock.now()
    _plan_and_start(notifications, started)
    for day in (1, 2, 3):
        _point(notifications, started + timedelta(days=day))
    clock.advance(clock_file, timedelta(days=4, hours=12))  # a day and a half after the last
    notifications.call("send_reminders", identity=None)
    assert _overdue(notifications, ANA) == [] and _overdue(notifications, BEN) == []

    clock.advance(clock_file, timedelta(days=1))  # two and a half days: twice the cadence
    notifications.call("send_reminders", identity=None)
    notifications.call("send_reminders", identity=None)  # told once
    [told] = _overdue(notifications, ANA)
    assert len(_overdue(notifications, BEN)) == 1
    assert _overdue(notifications, CARLA) == []  # not in the experiment
    assert told["subject_type"] == "EXPERIMENT" and told["subject_id"] == "x1"
    assert "Kanban cards at the press" in told["title"]
    assert told["link"].endswith("/#/experiments/x1")

    _point(notifications, clock.now(), corrected_from=2.0)  # a correction: still overdue
    notifications.call("send_reminders", identity=None)
    assert len(_overdue(notifications, ANA)) == 1
    _point(notifications, clock.now())  # a new point ends the spell ...
    notifications.call("send_reminders", identity=None)
    assert len(_overdue(notifications, ANA)) == 1
    clock.advance(clock_file, timedelta(days=3))  # ... and the next one is told again
    notifications.call("send_reminders", identity=None)
    assert len(_overdue(notifications, ANA)) == 2


def test_a_concluded_experiment_is_no_longer_reminded(notifications, clock_file):
    started = clock.now()
    _plan_and_start(notifications, started)
    notifications.handle("on_experiment_concluded", envelope(
        "experiment_concluded", "experiments", experiment_id="x1", idea_id=None,
        title="Kanban cards at the press", hypothesis="h", decision="ABANDON",
        learnings="l", owner_id=ANA.user_id, member_ids=[BEN.user_id],
        concluded_at=started.isoformat()))
    clock.advance(clock_file, timedelta(days=30))
    notifications.call("send_reminders", identity=None)
    assert _overdue(notifications, ANA) == [] and _overdue(notifications, BEN) == []


def _prompts(notifications, who) -> list[dict]:
    return [n for n in notifications.inbox(who) if n["kind"] == "REFLECTION_PROMPT"]


def test_the_weekly_prompt_reaches_only_who_asked_once_a_week(notifications, clock_file):
    notifications.call("send_reminders", identity=None)
    assert _prompts(notifications, ANA) == [] and _prompts(notifications, BEN) == []
    notifications.call("update_notification_preferences", {"kinds": [
        {"kind": "REFLECTION_PROMPT", "in_app": True, "email": False, "chat": False}]},
        identity=BEN)
    notifications.call("send_reminders", identity=None)
    notifications.call("send_reminders", identity=None)
    [prompt] = _prompts(notifications, BEN)
    assert prompt["link"].endswith("/#/reflections")
    assert "journal" in prompt["body"] and _prompts(notifications, ANA) == []
    clock.advance(clock_file, timedelta(days=7))
    notifications.call("send_reminders", identity=None)
    assert len(_prompts(notifications, BEN)) == 2
