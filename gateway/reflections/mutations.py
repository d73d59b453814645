"""Reflections changes: write, update, delete, turn into an idea, organisation prompts.
Each answers its success type or a typed user error."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import ConflictError, NotFoundError, Refused, ValidationError
from gateway.ideas.types import Idea
from gateway.reflections.inputs import (
    CreateReflectionPromptInput,
    UpdateReflectionInput,
    WriteReflectionInput,
    reflection_fields,
)
from gateway.reflections.types import (
    DeletedReflection,
    Reflection,
    ReflectionPrompt,
    ReflectionTurnedIntoIdea,
)

WriteReflectionResult = Annotated[Reflection | ValidationError | Refused,
                                  strawberry.union("WriteReflectionResult")]
UpdateReflectionResult = Annotated[
    Reflection | ValidationError | NotFoundError | Refused,
    strawberry.union("UpdateReflectionResult")]
DeleteReflectionResult = Annotated[
    DeletedReflection | ValidationError | NotFoundError | Refused,
    strawberry.union("DeleteReflectionResult")]
TurnReflectionIntoIdeaResult = Annotated[
    ReflectionTurnedIntoIdea | ValidationError | NotFoundError | Refused
    | ConflictError, strawberry.union("TurnReflectionIntoIdeaResult")]
ReflectionPromptResult = Annotated[
    ReflectionPrompt | ValidationError | NotFoundError | Refused,
    strawberry.union("ReflectionPromptResult")]


def deleted(dto: dict) -> DeletedReflection:
    return DeletedReflection(id=strawberry.ID(dto["id"]))


def turned_into_idea(dto: dict) -> ReflectionTurnedIntoIdea:
    return ReflectionTurnedIntoIdea(reflection=Reflection.from_dto(dto["reflection"]),
                                    idea=Idea.from_dto(dto["idea"]))


@strawberry.type
class ReflectionsMutation:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def write_reflection(self, info: Info,
                               input: WriteReflectionInput) -> WriteReflectionResult:
        return await info.context.result("reflections", "write_reflection",
                                         reflection_fields(input), to=Reflection.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_reflection(self, info: Info, id: strawberry.ID,
                                input: UpdateReflectionInput) -> UpdateReflectionResult:
        return await info.context.result("reflections", "update_reflection", str(id),
                                         reflection_fields(input), to=Reflection.from_dto)

    @strawberry.mutation(description="Deletes it for good: the text is gone from the database.",
                         permission_classes=[IsSignedIn])
    async def delete_reflection(self, info: Info, id: strawberry.ID) -> DeleteReflectionResult:
        return await info.context.result("reflections", "delete_reflection", str(id),
                                         to=deleted)

    @strawberry.mutation(description="The author submits an idea from a reflection; the two "
                                     "are linked both ways.", permission_classes=[IsSignedIn])
    async def turn_reflection_into_idea(self, info: Info, id: strawberry.ID,
                                        title: str) -> TurnReflectionIntoIdeaResult:
        return await info.context.result("reflections", "turn_into_idea", str(id), title,
                                         to=turned_into_idea)

    @strawberry.mutation(description="Admins only: a prompt template for everyone.",
                         permission_classes=[IsSignedIn])
    async def create_reflection_prompt(self, info: Info, input: CreateReflectionPromptInput
                                       ) -> ReflectionPromptResult:
        return await info.context.result("reflections", "create_prompt",
                                         strawberry.asdict(input), to=ReflectionPrompt.from_dto)

    @strawberry.mutation(description="Admins only: stop offering an organisation prompt.",
                         permission_classes=[IsSignedIn])
    async def archive_reflection_prompt(self, info: Info,
                                        id: strawberry.ID) -> ReflectionPromptResult:
        return await info.context.result("reflections", "archive_prompt", str(id),
                                         to=ReflectionPrompt.from_dto)
