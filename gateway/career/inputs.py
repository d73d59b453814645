"""Inputs of the career marketplace, and how they travel to the career service."""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum

import strawberry

from gateway.career.enums import OpportunityKind, OpportunityStatus


def plain(value):
    """Input objects to JSON-safe data for RPC: enums to values, dates to ISO strings."""
    if is_dataclass(value):
        value = asdict(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


@strawberry.input
class SkillLevelInput:
    name: str = strawberry.field(description="An ESCO skill name or synonym, or free text")
    level: int = strawberry.field(description="1 (beginner) to 5 (expert)")


@strawberry.input(description="Only the fields given change; skills replace the list.")
class UpdateProfileInput:
    headline: str | None = None
    skills: list[SkillLevelInput] | None = None
    interests: list[str] | None = None
    aspirations: str | None = None
    mentoring_skills: list[str] | None = None
    available_hours_per_week: int | None = None


@strawberry.input
class OpportunitySkillInput:
    name: str
    level: int = strawberry.field(description="1 to 5")
    required: bool = True


@strawberry.input
class PostOpportunityInput:
    kind: OpportunityKind
    title: str
    description: str = ""
    team: str | None = None
    skills: list[OpportunitySkillInput] = strawberry.field(default_factory=list)
    hours_per_week: int | None = None
    location: str = ""
    remote: bool = False
    starts_on: date | None = None
    closes_on: date | None = None
    capacity: int = 1


@strawberry.input(description="Only the fields given change.")
class UpdateOpportunityInput:
    kind: OpportunityKind | None = None
    title: str | None = None
    description: str | None = None
    team: str | None = None
    skills: list[OpportunitySkillInput] | None = None
    hours_per_week: int | None = None
    location: str | None = None
    remote: bool | None = None
    starts_on: date | None = None
    closes_on: date | None = None
    capacity: int | None = None


@strawberry.input
class OpportunityFilter:
    kind: OpportunityKind | None = None
    skill: str | None = strawberry.field(default=None, description="A skill it asks for")
    team: str | None = None
    status: OpportunityStatus | None = strawberry.field(default=None,
                                                        description="Null: any status")
    search: str | None = strawberry.field(default=None, description="In title or description")
    owner_id: strawberry.ID | None = None

    def to_dict(self) -> dict:
        """Only the criteria given, as career's list_opportunities takes them."""
        return {k: v for k, v in plain(self).items() if v}
