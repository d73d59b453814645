"""People: the directory owned by the career service."""
from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.context import Context


@strawberry.type
class Person:
    id: strawberry.ID
    name: str
    email: str
    title: str
    team: str | None
    roles: list[str]

    @classmethod
    def from_dto(cls, dto: dict) -> Person:
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"], email=dto["email"],
                   title=dto["title"], team=dto["team"], roles=dto["roles"])


async def load_person(info: Info[Context, None], person_id: str) -> Person | None:
    dto = await info.context.loader("people", "career", "get_people").load(person_id)
    return Person.from_dto(dto) if dto else None


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The signed-in person.")
    async def me(self, info: Info[Context, None]) -> Person | None:
        identity = info.context.require_identity()
        return await load_person(info, identity.user_id)
