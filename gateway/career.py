"""The career marketplace in GraphQL: skills autocomplete and profiles here; opportunities,
applications and mentoring in the career_* modules; composed into CareerQuery and
CareerMutation for gateway/schema.py."""
from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.career_applications import ApplicationsMutation, ApplicationsQuery
from gateway.career_mentoring import MentoringMutation, MentoringQuery
from gateway.career_opportunities import OpportunitiesMutation, OpportunitiesQuery
from gateway.career_types import Skill, plain
from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.people import Person, load_person
from shared.errors import DomainError


@strawberry.input
class SkillLevelInput:
    name: str = strawberry.field(description="An ESCO skill name or synonym, or free text")
    level: int = strawberry.field(description="1 (beginner) to 5 (expert)")


@strawberry.input(description="Only the fields given change; skills replace the list.")
class UpdateProfileInput:
    headline: str | None = None
    skills: list[SkillLevelInput] | None = None
    interests: list[str] | None = None
    aspirations: str | None = None
    mentoring_skills: list[str] | None = None
    available_hours_per_week: int | None = None


UpdateProfileResult = Annotated[
    Person | ValidationError | PermissionDeniedError | NotFoundError,
    strawberry.union("UpdateProfileResult")]


@strawberry.type
class ProfileQuery:
    @strawberry.field(description="Autocomplete over the skills taxonomy: names starting "
                                  "with the text first, then word matches, then synonyms.")
    async def skills(self, info: Info[Context, None], search: str,
                     first: int | None = 10) -> list[Skill]:
        found = await info.context.query("career", "search_skills", search, first)
        return [Skill.from_dto(s) for s in found]


@strawberry.type
class ProfileMutation:
    @strawberry.mutation
    async def update_my_profile(self, info: Info[Context, None],
                                input: UpdateProfileInput) -> UpdateProfileResult:
        identity = info.context.identity
        if identity is None:
            return PermissionDeniedError(message=SIGN_IN_FIRST)
        try:
            profile = await info.context.command("career", "update_profile", identity.user_id,
                                                 plain(input))
        except DomainError as exc:
            return user_error(exc)
        loader = info.context.loader("profiles", "career", "get_profiles")
        loader.prime(identity.user_id, profile, force=True)
        return await load_person(info, identity.user_id)


@strawberry.type
class CareerQuery(ProfileQuery, OpportunitiesQuery, ApplicationsQuery, MentoringQuery):
    pass


@strawberry.type
class CareerMutation(ProfileMutation, OpportunitiesMutation, ApplicationsMutation,
                     MentoringMutation):
    pass
