"""The people directory: the signed-in person, one person, the directory."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.pagination import Connection, connection_from
from gateway.people.inputs import EmployeeFilter
from gateway.people.types import Person


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The signed-in person.", permission_classes=[IsSignedIn])
    async def me(self, info: Info) -> Person | None:
        return await info.context.loaders.people.load(info.context.require_identity().user_id)

    @strawberry.field(description="One person of the directory.",
                      permission_classes=[IsSignedIn])
    async def employee(self, info: Info, id: strawberry.ID) -> Person | None:
        return await info.context.loaders.people.load(str(id))

    @strawberry.field(description="The directory by name; filter by team, text or skill.",
                      permission_classes=[IsSignedIn])
    async def employees(self, info: Info, filter: EmployeeFilter | None = None,
                        first: int = 20, after: str | None = None) -> Connection[Person]:
        page = await info.context.query("career", "list_people", first=first, after=after,
                                        **(filter.to_dict() if filter else {}))
        return connection_from(page, Person.from_dto)
