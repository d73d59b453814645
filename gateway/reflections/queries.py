"""Reflections reads: a private work journal, shared when its author chooses. Every rule
(who reads what) is the reflections service's."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import Missing, NotFoundError
from gateway.pagination import Connection, connection_from
from gateway.reflections.inputs import ReflectionFilter, filter_fields
from gateway.reflections.types import Reflection, ReflectionExportFormat, ReflectionPrompt

ReflectionLookup = Annotated[Reflection | NotFoundError, strawberry.union("ReflectionLookup")]


@strawberry.type
class ReflectionsQuery:
    @strawberry.field(description="NotFoundError when it does not exist or is not yours to read.",
                      permission_classes=[IsSignedIn])
    async def reflection(self, info: Info, id: strawberry.ID) -> ReflectionLookup:
        try:
            return Reflection.from_dto(
                await info.context.query("reflections", "get_reflection", str(id)))
        except Missing as exc:  # the service's words for missing and not yours to read
            return NotFoundError(message=exc.message)

    @strawberry.field(description="The caller's own reflections, newest first.",
                      permission_classes=[IsSignedIn])
    async def my_reflections(self, info: Info, filter: ReflectionFilter | None = None,
                             first: int = 20, after: str | None = None
                             ) -> Connection[Reflection]:
        page = await info.context.query("reflections", "list_my_reflections",
                                        filter_fields(filter), first, after)
        return connection_from(page, Reflection.from_dto)

    @strawberry.field(description="TEAM reflections of the caller's team and ORGANIZATION "
                                  "ones, newest first. Never a private one.",
                      permission_classes=[IsSignedIn])
    async def team_reflections(self, info: Info, filter: ReflectionFilter | None = None,
                               first: int = 20, after: str | None = None
                               ) -> Connection[Reflection]:
        page = await info.context.query("reflections", "list_team_reflections",
                                        filter_fields(filter), first, after)
        return connection_from(page, Reflection.from_dto)

    @strawberry.field(permission_classes=[IsSignedIn])
    async def reflection_prompts(self, info: Info) -> list[ReflectionPrompt]:
        return [ReflectionPrompt.from_dto(p)
                for p in await info.context.query("reflections", "list_prompts")]

    @strawberry.field(description="All of the caller's own reflections, oldest first.",
                      permission_classes=[IsSignedIn])
    async def export_my_reflections(self, info: Info, format: ReflectionExportFormat) -> str:
        return await info.context.query("reflections", "export_my_reflections", format.value)
