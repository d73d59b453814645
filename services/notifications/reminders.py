"""Reminders nobody's action triggers, decided from what the service knows: a running
experiment whose next measurement is overdue, and the weekly reflection prompt for the people
who asked for it (off by default; their week starts Monday 07:00 in their time zone). Pure
rules; the timer in entrypoints/reminders.py applies them.

When is a point overdue? An experiment's plan names its metric, not a cadence, so the cadence
is the team's own: the median gap between its last points. A point is overdue once twice
that gap has passed since the latest one (at least a day); before three points, a week after
the start or the latest point. Each overdue spell is told once: its id is the latest point's
time, so a redelivery or the next tick tells nobody again."""
from __future__ import annotations

import statistics
import uuid
from datetime import datetime, timedelta
from itertools import pairwise

from services.notifications.domain import Notice
from services.notifications.windows import window_end

FIRST_POINTS_WITHIN = timedelta(days=7)
LEAST_GRACE = timedelta(days=1)
POINTS_KEPT = 10
NAMESPACE = uuid.UUID("5d7f4a0e-93d1-4c4e-9f59-2b1f0f8a7c11")
PROMPT = ("What did you try this week, what did you learn from it, and what will you do "
          "differently? A few lines in your journal; it stays private unless you share it.")


def usual_gap(points: list[datetime]) -> timedelta | None:
    """The median gap between consecutive points; None before three points."""
    if len(points) < 3:
        return None
    return statistics.median(b - a for a, b in pairwise(sorted(points)))


def next_point_due(started_at: datetime | None, points: list[datetime]) -> datetime | None:
    """When the next point is overdue; None for an experiment that has not started."""
    if started_at is None:
        return None
    latest = max([started_at, *points])
    gap = usual_gap(points)
    if gap is None:
        return latest + FIRST_POINTS_WITHIN
    return latest + max(LEAST_GRACE, 2 * gap)


def spell_id(experiment_id: str, started_at: datetime, points: list[datetime]) -> str:
    """One id per overdue spell (36 characters, as an event id)."""
    latest = max([started_at, *points]).isoformat()
    return str(uuid.uuid5(NAMESPACE, f"overdue:{experiment_id}:{latest}"))


def overdue_notices(experiment_id: str, title: str, owner_id: str, member_ids: list[str],
                    points: list[datetime], due: datetime) -> list[Notice]:
    last = max(points).date().isoformat() if points else None
    body = (f"The latest point was taken on {last}; record the next one to keep the chart "
            "telling signal from noise." if last else
            "No point is recorded yet; record the first one to start the chart.")
    people = dict.fromkeys([owner_id, *member_ids])
    return [Notice(p, "MEASUREMENT_OVERDUE", f"“{title}”: a measurement is overdue", body,
                   "EXPERIMENT", experiment_id, title, None, owner_id) for p in people]


def prompt_id(person_id: str, at: datetime, time_zone: str) -> str:
    """One id per person and week: the week starts Monday 07:00 in their time zone, so the
    prompt arrives with the first tick after it."""
    week = window_end("WEEKLY", at, time_zone).isoformat()
    return str(uuid.uuid5(NAMESPACE, f"prompt:{person_id}:{week}"))


def prompt_notice(person_id: str) -> Notice:
    return Notice(person_id, "REFLECTION_PROMPT", "Your weekly reflection", PROMPT,
                  "REFLECTION", "journal", "Your journal", None, None)
