"""Digest windows and quiet hours in the person's own time zone (pure).

A daily digest covers the day from 07:00 to 07:00 local time, a weekly one the week from
Monday 07:00. A digest starts where the last one sent ended, so a missed run, a change of
cadence or a daylight-saving shift never leaves a gap: every notice falls in exactly one."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DIGEST_HOUR = time(7, 0)
BEGINNING = datetime(2000, 1, 1, tzinfo=UTC)  # a person's first digest covers all before it
CADENCES = ("NONE", "DAILY", "WEEKLY")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def window_end(cadence: str, at: datetime, tz: str) -> datetime:
    """The end (UTC) of the latest complete window at `at`: the last 07:00 local (DAILY) or
    the last Monday 07:00 local (WEEKLY) at or before `at`."""
    local = at.astimezone(zone(tz))
    day = local.date()
    if local.time() < DIGEST_HOUR:
        day -= timedelta(days=1)
    if cadence == "WEEKLY":
        day -= timedelta(days=day.weekday())
    return datetime.combine(day, DIGEST_HOUR, zone(tz)).astimezone(UTC)


def due_window(cadence: str, at: datetime, tz: str,
               digested_until: datetime | None) -> tuple[datetime, datetime] | None:
    """[start, end) of the digest due at `at`, or None when it was sent already."""
    if cadence not in ("DAILY", "WEEKLY"):
        return None
    end = window_end(cadence, at, tz)
    start = digested_until or BEGINNING
    return (start, end) if start < end else None


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(at: datetime, tz: str, quiet_from: str | None,
                   quiet_until: str | None) -> bool:
    """True between quiet_from and quiet_until local time (the span may cross midnight)."""
    if not quiet_from or not quiet_until:
        return False
    now, start, end = at.astimezone(zone(tz)).time(), parse_hhmm(quiet_from), parse_hhmm(
        quiet_until)
    return start <= now < end if start <= end else now >= start or now < end
