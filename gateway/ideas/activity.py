"""What happens around an idea: its comments, its status changes and the experiments run
on it."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.ideas.enums import IdeaStatus
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class Comment:
    id: strawberry.ID
    idea_id: strawberry.ID
    body: str
    edited: bool
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Comment:
        return cls(id=strawberry.ID(dto["id"]), idea_id=strawberry.ID(dto["idea_id"]),
                   body=dto["body"], edited=dto["edited"],
                   created_at=moment(dto["created_at"]), updated_at=moment(dto["updated_at"]),
                   author_id=dto["author_id"])


@strawberry.type
class CommentDeleted:
    id: strawberry.ID


@strawberry.type(description="One step of an idea through the workflow.")
class StatusChange:
    from_status: IdeaStatus | None = strawberry.field(name="from")
    to: IdeaStatus
    at: datetime
    reason: str | None
    changed_by: strawberry.Private[str]

    @strawberry.field(description="Who moved it; null when an experiment's event did.")
    async def by(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.changed_by)

    @classmethod
    def from_dto(cls, dto: dict) -> StatusChange:
        previous = dto["from_status"]
        return cls(from_status=IdeaStatus(previous) if previous else None,
                   to=IdeaStatus(dto["to_status"]), at=moment(dto["changed_at"]),
                   reason=dto["reason"], changed_by=dto["changed_by"])


@strawberry.type(description="An experiment run on an idea, with what it taught.")
class ExperimentLink:
    experiment_id: strawberry.ID
    title: str
    decision: str | None
    learnings: str | None
    started_at: datetime | None
    concluded_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ExperimentLink:
        return cls(experiment_id=strawberry.ID(dto["experiment_id"]), title=dto["title"],
                   decision=dto["decision"], learnings=dto["learnings"],
                   started_at=moment(dto["started_at"]),
                   concluded_at=moment(dto["concluded_at"]))
