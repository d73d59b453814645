"""The one clock every service reads, so time is aware (UTC) everywhere.

Tests that span processes (a whole stack under e2e tests) move time forward with a clock
file: when `KAIZEN_CLOCK_FILE` names a file holding a number of seconds, `now()` adds that
offset (re-read at most every 0.2 s). It is ignored when `KAIZEN_ENV=production`."""
from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

RECHECK_SECONDS = 0.2
_cache: dict[str, tuple[float, float]] = {}  # clock file -> (checked at, offset)


def now() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=offset())


def today() -> date:
    return now().date()


def offset() -> float:
    """Seconds the clock file moves time forward (0 without one, or in production)."""
    path = os.environ.get("KAIZEN_CLOCK_FILE")
    if not path or os.environ.get("KAIZEN_ENV") == "production":
        return 0.0
    checked, seconds = _cache.get(path, (float("-inf"), 0.0))
    if time.monotonic() - checked > RECHECK_SECONDS:
        seconds = _read(Path(path))
        _cache[path] = (time.monotonic(), seconds)
    return seconds


def _read(path: Path) -> float:
    try:
        return float(path.read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0.0


def advance(path: Path, delta: timedelta) -> None:
    """Moves every process reading this clock file forward by `delta` (tests only)."""
    # written aside, then renamed into place: a reader in another process never finds the
    # file empty (which read as no offset: time jumped back for a moment)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(str(_read(path) + delta.total_seconds()))
    os.replace(partial, path)
    _cache.pop(str(path), None)


# Dates people may give: from 1970 to ten years ahead. Year 0001 or 9999 is a typo or a
# probe, and converting it between time zones overflows.
EARLIEST_DAY = date(1970, 1, 1)
YEARS_AHEAD = 10
PLAUSIBLE = f"must lie between {EARLIEST_DAY.isoformat()} and {YEARS_AHEAD} years from today"


def plausible(day: date) -> bool:
    latest = today()
    return EARLIEST_DAY <= day <= latest.replace(year=latest.year + YEARS_AHEAD, day=min(
        latest.day, 28))
