"""Inputs of growth, and the service's fields made from them."""
from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from gateway.growth.enums import GoalVisibility, KudosLinkKind, KudosVisibility


def plain(input: object) -> dict:
    """The service's snake_case fields of an input: enums by value, nested inputs as
    dicts, dates as ISO text; UNSET fields left out."""
    fields = {}
    for name, value in vars(input).items():
        if value is strawberry.UNSET:
            continue
        fields[name] = _plain_value(value)
    return fields


def _plain_value(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    if hasattr(value, "__strawberry_definition__"):
        return plain(value)
    return value


@strawberry.input
class KeyResultInput:
    title: str
    start: float
    target: float
    current: float | None = None
    unit: str = ""
    experiment_id: strawberry.ID | None = strawberry.field(
        default=None, description="Its measurements then move `current`.")


@strawberry.input(description="A person's goal (ownerId: you by default) or a team's (teamId).")
class SetGoalInput:
    title: str
    description: str = ""
    owner_id: strawberry.ID | None = None
    team_id: str | None = None
    period: str | None = strawberry.field(default=None, description="Default: this quarter.")
    visibility: GoalVisibility = GoalVisibility.TEAM
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The team goal it aligns under.")
    key_results: list[KeyResultInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given change; addKeyResults adds more.")
class UpdateGoalInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    period: str | None = strawberry.UNSET
    visibility: GoalVisibility | None = strawberry.UNSET
    parent_id: strawberry.ID | None = strawberry.UNSET
    add_key_results: list[KeyResultInput] | None = strawberry.UNSET


@strawberry.input
class KeyResultCheckInInput:
    id: strawberry.ID
    current: float
    note: str = ""


@strawberry.input
class SubmitCheckInInput:
    week_of: date | None = strawberry.field(default=None, description="Default: this week.")
    plans: list[str] = strawberry.field(default_factory=list)
    progress: list[str] = strawberry.field(default_factory=list)
    problems: list[str] = strawberry.field(default_factory=list)
    done_plans: list[str] = strawberry.field(
        default_factory=list, description="Plans carried from last week that are now done.")
    mood: int | None = strawberry.field(default=None, description="1 to 5.")
    key_results: list[KeyResultCheckInInput] = strawberry.field(default_factory=list)


@strawberry.input
class KudosLinkInput:
    kind: KudosLinkKind
    id: strawberry.ID


@strawberry.input(description="To a person (toPersonId) or a team (toTeamId).")
class GiveKudosInput:
    message: str = strawberry.field(description="At least 20 characters: what and why.")
    to_person_id: strawberry.ID | None = None
    to_team_id: str | None = None
    link: KudosLinkInput | None = None
    visibility: KudosVisibility = KudosVisibility.PUBLIC
    skill: str | None = strawberry.field(default=None,
                                         description="A skill it shows: profile evidence.")


def goal_fields(input: SetGoalInput) -> dict:
    fields = plain(input)
    fields["team"] = fields.pop("team_id")
    return fields
