"""The weekly streak and this week's count."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from services.reflections.habit import habit, this_week, weekly_streak

TODAY = date(2024, 1, 3)  # a Wednesday in ISO week 2024-W01 (Monday 2024-01-01)


def on(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def weeks_ago(n: int, weekday: int = 0) -> datetime:
    return on(date(2024, 1, 1) - timedelta(weeks=n) + timedelta(days=weekday))


def test_no_reflections_no_streak():
    assert habit([], TODAY) == {"weeks": 0, "this_week": 0}


def test_weeks_in_a_row_count_back_from_this_week_across_the_year_end():
    written = [weeks_ago(0, 2), weeks_ago(1, 6), weeks_ago(2, 0), weeks_ago(2, 3)]
    assert weekly_streak(written, TODAY) == 3  # 2024-W01, 2023-W52, 2023-W51


def test_this_week_without_a_reflection_yet_does_not_break_the_streak():
    assert weekly_streak([weeks_ago(1), weeks_ago(2)], TODAY) == 2


def test_a_missing_week_ends_the_streak():
    assert weekly_streak([weeks_ago(0), weeks_ago(2), weeks_ago(3)], TODAY) == 1
    assert weekly_streak([weeks_ago(2), weeks_ago(3)], TODAY) == 0


def test_this_week_counts_from_monday():
    written = [on(date(2024, 1, 1), 0), on(date(2024, 1, 3)), on(date(2023, 12, 31), 23)]
    assert this_week(written, TODAY) == 2
    assert habit(written, TODAY) == {"weeks": 2, "this_week": 2}
