"""GraphQL types of recognition: kudos and the team view."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.growth.enums import KudosLinkKind, KudosVisibility
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class KudosLink:
    kind: KudosLinkKind
    id: strawberry.ID


@strawberry.type(description="Specific praise: what and why, to a person or a team.")
class Kudos:
    id: strawberry.ID
    message: str
    visibility: KudosVisibility
    skill: str | None = strawberry.field(description="A skill it names: evidence of it.")
    link: KudosLink | None
    to_team_id: str | None
    created_at: datetime
    from_id: strawberry.Private[str]
    to_person_id: strawberry.Private[str | None]

    @strawberry.field(name="from")
    async def from_(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.from_id)

    @strawberry.field
    async def to_person(self, info: Info) -> PersonRef | None:
        if not self.to_person_id:
            return None
        return await info.context.loaders.people.load(self.to_person_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Kudos:
        link = dto["link"]
        return cls(
            id=strawberry.ID(dto["id"]), message=dto["message"],
            visibility=KudosVisibility(dto["visibility"]), skill=dto["skill"],
            link=KudosLink(kind=KudosLinkKind(link["kind"]), id=strawberry.ID(link["id"]))
            if link else None,
            to_team_id=dto["to_team_id"], created_at=moment(dto["created_at"]),
            from_id=dto["from_id"], to_person_id=dto["to_person_id"])
