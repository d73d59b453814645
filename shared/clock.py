"""The one clock every service reads, so time is aware (UTC) everywhere."""
from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
