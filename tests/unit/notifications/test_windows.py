"""Digest windows: daily from 07:00, weekly from Monday 07:00, in the person's time zone;
consecutive digests tile time with no gap, across a daylight-saving change too."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from services.notifications.windows import (
    BEGINNING,
    due_window,
    in_quiet_hours,
    window_end,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_daily_window_ends_at_the_last_0700_local():
    # 2026-12-02 08:30 in Lisbon (UTC+0 in winter) -> today 07:00
    assert window_end("DAILY", utc(2026, 12, 2, 8, 30), "Europe/Lisbon") == utc(2026, 12, 2, 7)
    # 06:59 local -> yesterday's 07:00
    assert window_end("DAILY", utc(2026, 12, 2, 6, 59), "Europe/Lisbon") == utc(2026, 12, 1, 7)
    # Tokyo is UTC+9: 07:00 there is 22:00 UTC the day before
    assert window_end("DAILY", utc(2026, 12, 2, 8, 30), "Asia/Tokyo") == utc(2026, 12, 1, 22)


def test_a_weekly_window_ends_on_monday_0700_local():
    wednesday = utc(2026, 12, 2, 12)
    assert window_end("WEEKLY", wednesday, "UTC") == utc(2026, 11, 30, 7)
    assert window_end("WEEKLY", utc(2026, 11, 30, 6), "UTC") == utc(2026, 11, 23, 7)
    assert window_end("WEEKLY", wednesday, "America/New_York") == utc(2026, 11, 30, 12)


def test_a_digest_starts_where_the_last_one_ended_and_is_due_once():
    at = utc(2026, 12, 2, 8)
    assert due_window("DAILY", at, "UTC", None) == (BEGINNING, utc(2026, 12, 2, 7))
    assert due_window("DAILY", at, "UTC", utc(2026, 11, 29, 7)) == (utc(2026, 11, 29, 7),
                                                                    utc(2026, 12, 2, 7))
    assert due_window("DAILY", at, "UTC", utc(2026, 12, 2, 7)) is None
    assert due_window("NONE", at, "UTC", None) is None


@given(start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1)),
       steps=st.lists(st.integers(min_value=1, max_value=60 * 60 * 30), min_size=1,
                      max_size=30),
       cadence=st.sampled_from(["DAILY", "WEEKLY"]),
       zone=st.sampled_from(["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata"]))
def test_digests_taken_at_any_moments_tile_time_without_gaps(start, steps, cadence, zone):
    at, sent_until, windows = start.replace(tzinfo=UTC), None, []
    for seconds in steps:
        at += timedelta(seconds=seconds)
        window = due_window(cadence, at, zone, sent_until)
        if window:
            windows.append(window)
            sent_until = window[1]
    for (_, end), (start_next, _) in zip(windows, windows[1:], strict=False):
        assert end == start_next
    assert all(s < e for s, e in windows)


def test_quiet_hours_may_cross_midnight_in_local_time():
    assert in_quiet_hours(utc(2026, 12, 2, 23), "UTC", "22:00", "07:00")
    assert in_quiet_hours(utc(2026, 12, 2, 6, 59), "UTC", "22:00", "07:00")
    assert not in_quiet_hours(utc(2026, 12, 2, 7), "UTC", "22:00", "07:00")
    assert in_quiet_hours(utc(2026, 12, 2, 13), "UTC", "12:00", "14:00")
    assert not in_quiet_hours(utc(2026, 12, 2, 13), "UTC", None, None)
    assert in_quiet_hours(utc(2026, 12, 2, 21, 30), "Europe/Berlin", "22:00", "07:00")
