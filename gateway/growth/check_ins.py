"""GraphQL types of the weekly check-in."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.iso import day, moment

if TYPE_CHECKING:
    from gateway.ideas.types import Idea
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class CheckInPlan:
    text: str
    done: bool
    carried: bool = strawberry.field(description="Carried forward from an earlier week.")


@strawberry.type
class CheckInProblem:
    index: int
    text: str
    idea_id: strawberry.Private[str | None]

    @strawberry.field(description="The improvement idea it became.")
    async def idea(self, info: Info) -> Annotated[
            Idea, strawberry.lazy("gateway.ideas.types")] | None:
        return await info.context.loaders.ideas.load(self.idea_id) if self.idea_id else None


@strawberry.type
class CheckInReaction:
    id: strawberry.ID
    emoji: str | None
    comment: str
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)


@strawberry.type(description="A person's week: plans, progress, problems and a mood.")
class CheckIn:
    id: strawberry.ID
    week_of: date = strawberry.field(description="The Monday of its week.")
    team: str | None
    plans: list[CheckInPlan]
    progress: list[str]
    problems: list[CheckInProblem]
    mood: int | None = strawberry.field(
        description="1 to 5; only the person and their manager chain see it.")
    reactions: list[CheckInReaction]
    submitted_at: datetime
    updated_at: datetime
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.person_id)

    @classmethod
    def from_dto(cls, dto: dict) -> CheckIn:
        return cls(
            id=strawberry.ID(dto["id"]), week_of=day(dto["week_of"]), team=dto["team"],
            plans=[CheckInPlan(**p) for p in dto["plans"]], progress=dto["progress"],
            problems=[CheckInProblem(index=p["index"], text=p["text"], idea_id=p["idea_id"])
                      for p in dto["problems"]],
            mood=dto["mood"],
            reactions=[CheckInReaction(
                id=strawberry.ID(r["id"]), emoji=r["emoji"], comment=r["comment"],
                created_at=moment(r["created_at"]), author_id=r["author_id"])
                for r in dto["reactions"]],
            submitted_at=moment(dto["submitted_at"]), updated_at=moment(dto["updated_at"]),
            person_id=dto["person_id"])


@strawberry.type(description="What this week's check-in form starts from.")
class CheckInDraft:
    week_of: date
    carried_plans: list[str] = strawberry.field(
        description="Last check-in's plans not done: they carry into this week.")
    check_in: CheckIn | None = strawberry.field(description="Already submitted this week.")

    @classmethod
    def from_dto(cls, dto: dict) -> CheckInDraft:
        found = dto["check_in"]
        return cls(week_of=day(dto["week_of"]), carried_plans=dto["carried_plans"],
                   check_in=CheckIn.from_dto(found) if found else None)
