"""GraphQL types of the team view for managers."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.growth.goals import Goal
from gateway.iso import day

if TYPE_CHECKING:
    from gateway.ideas.types import Idea
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class TeamMemberWeek:
    checked_in: bool
    mood: int | None = strawberry.field(
        description="Only for people in your manager chain; null for anyone else.")
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.person_id)


@strawberry.type
class OpenProblem:
    check_in_id: strawberry.ID
    index: int
    text: str
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.person_id)


@strawberry.type(description="A team this week and this quarter.")
class TeamGrowth:
    team_id: str
    week_of: date
    period: str
    members: int
    checked_in: int = strawberry.field(description="People who checked in this week.")
    completion: float = strawberry.field(description="The share of the team that did.")
    people: list[TeamMemberWeek]
    goals: list[Goal]
    goal_progress: float | None
    open_problems: list[OpenProblem] = strawberry.field(
        description="This week's problems not yet turned into an idea.")
    kudos_received: int = strawberry.field(description="This quarter.")
    kudos_given: int = strawberry.field(description="This quarter.")
    idea_ids: strawberry.Private[list[str]]

    @strawberry.field(description="Improvement ideas that came from the team's check-ins.")
    async def ideas(self, info: Info) -> list[Annotated[
            Idea, strawberry.lazy("gateway.ideas.types")]]:
        return [i for i in await info.context.loaders.ideas.load_many(self.idea_ids) if i]

    @classmethod
    def from_dto(cls, dto: dict) -> TeamGrowth:
        return cls(
            team_id=dto["team"], week_of=day(dto["week_of"]), period=dto["period"],
            members=dto["members"], checked_in=dto["checked_in"], completion=dto["completion"],
            people=[TeamMemberWeek(checked_in=p["check_in_id"] is not None, mood=p["mood"],
                                   person_id=p["person_id"]) for p in dto["people"]],
            goals=[Goal.from_dto(g) for g in dto["goals"]], goal_progress=dto["goal_progress"],
            open_problems=[OpenProblem(check_in_id=strawberry.ID(p["check_in_id"]),
                                       index=p["index"], text=p["text"],
                                       person_id=p["person_id"]) for p in dto["open_problems"]],
            kudos_received=dto["kudos_received"], kudos_given=dto["kudos_given"],
            idea_ids=dto["idea_ids"])
