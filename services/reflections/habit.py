"""The reflection habit: a weekly streak and this week's count (ISO weeks, in UTC)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

WEEK = timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_streak(written: Iterable[datetime], today: date) -> int:
    """ISO weeks in a row with at least one reflection, counting back from this week. A
    week not yet written in does not break a streak that ran until last week."""
    weeks = {monday_of(moment.date()) for moment in written}
    week = monday_of(today)
    if week not in weeks:
        week -= WEEK
    streak = 0
    while week in weeks:
        streak += 1
        week -= WEEK
    return streak


def this_week(written: Iterable[datetime], today: date) -> int:
    week = monday_of(today)
    return sum(1 for moment in written if monday_of(moment.date()) == week)


def habit(written: list[datetime], today: date) -> dict:
    return {"weeks": weekly_streak(written, today), "this_week": this_week(written, today)}
