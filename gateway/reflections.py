"""Reflections in GraphQL: a private work journal, shared when its author chooses. Every
rule (who reads what) is the reflections service's; this module only speaks GraphQL."""
from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.ideas import Idea
from gateway.pagination import Connection, connection_from
from gateway.reflections_types import (
    CreateReflectionPromptInput,
    DeletedReflection,
    Reflection,
    ReflectionExportFormat,
    ReflectionFilter,
    ReflectionPrompt,
    ReflectionStreak,
    ReflectionTurnedIntoIdea,
    UpdateReflectionInput,
    WriteReflectionInput,
    filter_fields,
    reflection_fields,
)
from shared.errors import DomainError

NOT_FOUND = "no reflection with that id"  # the service's words for missing and unreadable

ReflectionLookup = Annotated[Reflection | NotFoundError, strawberry.union("ReflectionLookup")]
WriteReflectionResult = Annotated[Reflection | ValidationError | PermissionDeniedError,
                                  strawberry.union("WriteReflectionResult")]
UpdateReflectionResult = Annotated[
    Reflection | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("UpdateReflectionResult")]
DeleteReflectionResult = Annotated[DeletedReflection | NotFoundError | PermissionDeniedError,
                                   strawberry.union("DeleteReflectionResult")]
TurnReflectionIntoIdeaResult = Annotated[
    ReflectionTurnedIntoIdea | ValidationError | NotFoundError | PermissionDeniedError
    | ConflictError, strawberry.union("TurnReflectionIntoIdeaResult")]
ReflectionPromptResult = Annotated[
    ReflectionPrompt | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("ReflectionPromptResult")]


async def load_reflection(info: Info[Context, None], reflection_id: str) -> Reflection | None:
    """Batched; None when it does not exist or the caller may not read it."""
    dto = await info.context.loader("reflections", "reflections",
                                    "get_reflections").load(str(reflection_id))
    return Reflection.from_dto(dto) if dto else None


async def streak_of(info: Info[Context, None], person_id: str) -> ReflectionStreak | None:
    """The caller's own habit; nobody else's (null)."""
    identity = info.context.identity
    if identity is None or identity.user_id != person_id:
        return None
    habit = await info.context.query("reflections", "reflection_habit")
    return ReflectionStreak(weeks=habit["weeks"], this_week=habit["this_week"])


async def _change(info: Info[Context, None], method: str, *args, convert):
    if info.context.identity is None:
        return PermissionDeniedError(message=SIGN_IN_FIRST)
    try:
        return convert(await info.context.command("reflections", method, *args))
    except DomainError as exc:
        return user_error(exc)


@strawberry.type
class ReflectionsQuery:
    @strawberry.field(description="NotFoundError when it does not exist or is not yours to read.")
    async def reflection(self, info: Info[Context, None], id: strawberry.ID) -> ReflectionLookup:
        info.context.require_identity()
        found = await load_reflection(info, id)
        return found or NotFoundError(message=NOT_FOUND)

    @strawberry.field(description="The caller's own reflections, newest first.")
    async def my_reflections(self, info: Info[Context, None],
                             filter: ReflectionFilter | None = None, first: int = 20,
                             after: str | None = None) -> Connection[Reflection]:
        page = await info.context.query("reflections", "list_my_reflections",
                                        filter_fields(filter), first, after)
        return connection_from(page, Reflection.from_dto)

    @strawberry.field(description="TEAM reflections of the caller's team and ORGANIZATION "
                                  "ones, newest first. Never a private one.")
    async def team_reflections(self, info: Info[Context, None],
                               filter: ReflectionFilter | None = None, first: int = 20,
                               after: str | None = None) -> Connection[Reflection]:
        page = await info.context.query("reflections", "list_team_reflections",
                                        filter_fields(filter), first, after)
        return connection_from(page, Reflection.from_dto)

    @strawberry.field
    async def reflection_prompts(self, info: Info[Context, None]) -> list[ReflectionPrompt]:
        return [ReflectionPrompt.from_dto(p)
                for p in await info.context.query("reflections", "list_prompts")]

    @strawberry.field(description="All of the caller's own reflections, oldest first.")
    async def export_my_reflections(self, info: Info[Context, None],
                                    format: ReflectionExportFormat) -> str:
        return await info.context.query("reflections", "export_my_reflections", format.value)


@strawberry.type
class ReflectionsMutation:
    @strawberry.mutation
    async def write_reflection(self, info: Info[Context, None],
                               input: WriteReflectionInput) -> WriteReflectionResult:
        return await _change(info, "write_reflection", reflection_fields(input),
                             convert=Reflection.from_dto)

    @strawberry.mutation
    async def update_reflection(self, info: Info[Context, None], id: strawberry.ID,
                                input: UpdateReflectionInput) -> UpdateReflectionResult:
        return await _change(info, "update_reflection", str(id), reflection_fields(input),
                             convert=Reflection.from_dto)

    @strawberry.mutation(description="Deletes it for good: the text is gone from the database.")
    async def delete_reflection(self, info: Info[Context, None],
                                id: strawberry.ID) -> DeleteReflectionResult:
        return await _change(info, "delete_reflection", str(id),
                             convert=lambda dto: DeletedReflection(id=strawberry.ID(dto["id"])))

    @strawberry.mutation(description="The author submits an idea from a reflection; the two "
                                     "are linked both ways.")
    async def turn_reflection_into_idea(self, info: Info[Context, None], id: strawberry.ID,
                                        title: str) -> TurnReflectionIntoIdeaResult:
        return await _change(info, "turn_into_idea", str(id), title, convert=lambda dto:
                             ReflectionTurnedIntoIdea(reflection=Reflection.from_dto(
                                 dto["reflection"]), idea=Idea.from_dto(dto["idea"])))

    @strawberry.mutation(description="Admins only: a prompt template for everyone.")
    async def create_reflection_prompt(self, info: Info[Context, None],
                                       input: CreateReflectionPromptInput
                                       ) -> ReflectionPromptResult:
        return await _change(info, "create_prompt", strawberry.asdict(input),
                             convert=ReflectionPrompt.from_dto)

    @strawberry.mutation(description="Admins only: stop offering an organisation prompt.")
    async def archive_reflection_prompt(self, info: Info[Context, None],
                                        id: strawberry.ID) -> ReflectionPromptResult:
        return await _change(info, "archive_prompt", str(id), convert=ReflectionPrompt.from_dto)
