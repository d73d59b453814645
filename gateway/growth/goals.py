"""GraphQL types of goals and their key results."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.growth.enums import GoalVisibility
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.experiments.types import Experiment
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type(description="A measurable result: from start toward target, in unit.")
class KeyResult:
    id: strawberry.ID
    title: str
    start: float
    target: float
    current: float
    unit: str
    progress: float = strawberry.field(description="0 to 1 of the way from start to target.")
    updated_at: datetime
    experiment_id: strawberry.Private[str | None]

    @strawberry.field(description="The experiment whose measurements move `current`.")
    async def experiment(self, info: Info) -> Annotated[
            Experiment, strawberry.lazy("gateway.experiments.types")] | None:
        if not self.experiment_id:
            return None
        return await info.context.loaders.experiments.load(self.experiment_id)

    @classmethod
    def from_dto(cls, dto: dict) -> KeyResult:
        return cls(id=strawberry.ID(dto["id"]), title=dto["title"], start=dto["start"],
                   target=dto["target"], current=dto["current"], unit=dto["unit"],
                   progress=dto["progress"], updated_at=moment(dto["updated_at"]),
                   experiment_id=dto["experiment_id"])


@strawberry.type(description="An objective of a person (owner) or a team for a period.")
class Goal:
    id: strawberry.ID
    title: str
    description: str
    team_id: str | None = strawberry.field(description="The team; a person's team for theirs.")
    period: str = strawberry.field(description="A quarter, like 2026-Q4.")
    visibility: GoalVisibility
    progress: float | None = strawberry.field(
        description="The mean of its key results' progress; null without key results.")
    key_results: list[KeyResult]
    created_at: datetime
    updated_at: datetime
    owner_id: strawberry.Private[str | None]
    parent_id: strawberry.Private[str | None]
    child_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The person whose goal it is; null for a team goal.")
    async def owner(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.owner_id) if self.owner_id else None

    @strawberry.field(description="The team goal it aligns under.")
    async def parent(self, info: Info) -> Goal | None:
        return await info.context.loaders.goals.load(self.parent_id) if self.parent_id else None

    @strawberry.field(description="The goals aligned under it that you may read.")
    async def children(self, info: Info) -> list[Goal]:
        return [g for g in await info.context.loaders.goals.load_many(self.child_ids) if g]

    @classmethod
    def from_dto(cls, dto: dict) -> Goal:
        return cls(
            id=strawberry.ID(dto["id"]), title=dto["title"], description=dto["description"],
            team_id=dto["team"], period=dto["period"],
            visibility=GoalVisibility(dto["visibility"]), progress=dto["progress"],
            key_results=[KeyResult.from_dto(k) for k in dto["key_results"]],
            created_at=moment(dto["created_at"]), updated_at=moment(dto["updated_at"]),
            owner_id=dto["owner_id"], parent_id=dto["parent_id"], child_ids=dto["child_ids"])
