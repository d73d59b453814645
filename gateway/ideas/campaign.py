"""Campaigns: challenges ideas are submitted to."""
from __future__ import annotations

from datetime import date, datetime

import strawberry

from gateway.iso import day, moment


@strawberry.type(description="A challenge the organisation focuses on for a while.")
class Campaign:
    id: strawberry.ID
    title: str
    description: str
    starts_on: date
    ends_on: date
    is_open: bool
    closed_at: datetime | None
    created_at: datetime
    idea_count: int

    @classmethod
    def from_dto(cls, dto: dict) -> Campaign:
        return cls(id=strawberry.ID(dto["id"]), title=dto["title"],
                   description=dto["description"], starts_on=day(dto["starts_on"]),
                   ends_on=day(dto["ends_on"]), is_open=dto["is_open"],
                   closed_at=moment(dto["closed_at"]), created_at=moment(dto["created_at"]),
                   idea_count=dto["idea_count"])
