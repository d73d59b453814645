"""Action items, one GraphQL type for both places they are agreed: a mentoring session
(the career service) and a one-on-one (the growth service). Both answer the same dto:
{id, text, owner_id, done, created_at, completed_at}."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.people.types import Person


@strawberry.type(description="Something one person agreed to do; open ones carry forward to "
                             "the next session or one-on-one until done.")
class ActionItem:
    id: strawberry.ID
    text: str
    done: bool
    created_at: datetime
    completed_at: datetime | None
    owner_id: strawberry.Private[str]

    @strawberry.field
    async def owner(self, info: Info) -> Annotated[
            Person, strawberry.lazy("gateway.people.types")] | None:
        return await info.context.loaders.people.load(self.owner_id)

    @classmethod
    def from_dto(cls, dto: dict) -> ActionItem:
        return cls(id=strawberry.ID(dto["id"]), text=dto["text"], done=dto["done"],
                   created_at=moment(dto["created_at"]),
                   completed_at=moment(dto.get("completed_at")), owner_id=dto["owner_id"])
