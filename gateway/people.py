"""People: the directory owned by the career service."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from gateway.career_person import ProfileFields
from gateway.context import Context
from gateway.pagination import Connection, connection_from

if TYPE_CHECKING:
    from gateway.reflections_types import ReflectionStreak


@strawberry.type
class Person(ProfileFields):
    id: strawberry.ID
    name: str
    email: str
    title: str
    team: str | None
    roles: list[str]
    location: str = ""
    manager_id: strawberry.Private[str | None] = None

    @strawberry.field
    async def manager(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.manager_id) if self.manager_id else None

    @strawberry.field(description="Your own weekly reflection habit; null for anyone else.")
    async def reflection_streak(self, info: Info[Context, None]) -> Annotated[
            ReflectionStreak, strawberry.lazy("gateway.reflections_types")] | None:
        from gateway.reflections import streak_of

        return await streak_of(info, str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> Person:
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"], email=dto["email"],
                   title=dto["title"], team=dto["team"], roles=dto["roles"],
                   location=dto.get("location", ""), manager_id=dto.get("manager_id"))


async def load_person(info: Info[Context, None], person_id: str) -> Person | None:
    dto = await info.context.loader("people", "career", "get_people").load(person_id)
    return Person.from_dto(dto) if dto else None


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The signed-in person.")
    async def me(self, info: Info[Context, None]) -> Person | None:
        identity = info.context.require_identity()
        return await load_person(info, identity.user_id)

    @strawberry.field(description="One person of the directory.")
    async def employee(self, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        info.context.require_identity()
        return await load_person(info, str(id))

    @strawberry.field(description="The directory by name; filter by team, text or skill.")
    async def employees(self, info: Info[Context, None], filter: EmployeeFilter | None = None,
                        first: int = 20, after: str | None = None) -> Connection[Person]:
        filters = strawberry.asdict(filter) if filter else {}
        page = await info.context.query("career", "list_people", first=first, after=after,
                                        **{k: v for k, v in filters.items() if v})
        return connection_from(page, Person.from_dto)


@strawberry.input
class EmployeeFilter:
    team: str | None = None
    search: str | None = strawberry.field(default=None,
                                          description="In name, title or e-mail")
    skill: str | None = strawberry.field(default=None, description="A skill they list")
