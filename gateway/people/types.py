"""Person: an entry of the directory the career service owns, with its profile half."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.career.profile import ProfileFields
from gateway.context import Info
from gateway.reflections.streak import streak_of

if TYPE_CHECKING:
    from gateway.reflections.streak import ReflectionStreak


@strawberry.type
class Person(ProfileFields):
    id: strawberry.ID
    name: str
    email: str
    title: str
    team: str | None
    roles: list[str]
    location: str = ""
    active: bool | None = strawberry.field(
        default=None, description="Admins: false once deactivated; null for anyone else.")
    manager_id: strawberry.Private[str | None] = None

    @strawberry.field
    async def manager(self, info: Info) -> Person | None:
        if not self.manager_id:
            return None
        return await info.context.loaders.people.load(self.manager_id)

    @strawberry.field(description="Your own weekly reflection habit; null for anyone else.")
    async def reflection_streak(self, info: Info) -> Annotated[
            ReflectionStreak, strawberry.lazy("gateway.reflections.streak")] | None:
        return await streak_of(info, str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> Person:
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"], email=dto["email"],
                   title=dto["title"], team=dto["team"], roles=dto["roles"],
                   location=dto.get("location", ""), active=dto.get("active"),
                   manager_id=dto.get("manager_id"))
