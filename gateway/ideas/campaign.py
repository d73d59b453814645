"""Campaigns: challenges ideas are submitted to; and the organisation's review settings."""
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


@strawberry.type(description="How the organisation reviews ideas; admins change it.")
class ReviewSettings:
    allow_self_review: bool = strawberry.field(description=(
        "Whether a reviewer may accept, decline and assess their own ideas (for a team too "
        "small for a second reviewer). Off by default: separation of duties."))
    changed_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ReviewSettings:
        return cls(allow_self_review=dto["allow_self_review"],
                   changed_at=moment(dto["changed_at"]))
