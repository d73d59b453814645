"""Services send dates and times as ISO strings (null when unset); GraphQL types hold them
as date and datetime values."""
from __future__ import annotations

from datetime import date, datetime


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
