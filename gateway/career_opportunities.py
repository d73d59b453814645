"""Posting, changing, closing and browsing opportunities; role voices."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.career_nodes import (
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    RoleVoice,
    load_opportunity,
)
from gateway.career_types import plain, run_command
from gateway.context import Context
from gateway.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from gateway.pagination import Connection, connection_from


@strawberry.input
class OpportunitySkillInput:
    name: str
    level: int = strawberry.field(description="1 to 5")
    required: bool = True


@strawberry.input
class PostOpportunityInput:
    kind: OpportunityKind
    title: str
    description: str = ""
    team: str | None = None
    skills: list[OpportunitySkillInput] = strawberry.field(default_factory=list)
    hours_per_week: int | None = None
    location: str = ""
    remote: bool = False
    starts_on: date | None = None
    closes_on: date | None = None
    capacity: int = 1


@strawberry.input(description="Only the fields given change.")
class UpdateOpportunityInput:
    kind: OpportunityKind | None = None
    title: str | None = None
    description: str | None = None
    team: str | None = None
    skills: list[OpportunitySkillInput] | None = None
    hours_per_week: int | None = None
    location: str | None = None
    remote: bool | None = None
    starts_on: date | None = None
    closes_on: date | None = None
    capacity: int | None = None


@strawberry.input
class OpportunityFilter:
    kind: OpportunityKind | None = None
    skill: str | None = strawberry.field(default=None, description="A skill it asks for")
    team: str | None = None
    status: OpportunityStatus | None = strawberry.field(default=None,
                                                        description="Null: any status")
    search: str | None = strawberry.field(default=None, description="In title or description")
    owner_id: strawberry.ID | None = None


OpportunityResult = Annotated[
    Opportunity | ValidationError | PermissionDeniedError | NotFoundError | ConflictError,
    strawberry.union("OpportunityResult")]
RoleVoiceResult = Annotated[
    RoleVoice | ValidationError | PermissionDeniedError | NotFoundError,
    strawberry.union("RoleVoiceResult")]


@strawberry.type
class OpportunitiesQuery:
    @strawberry.field
    async def opportunity(self, info: Info[Context, None],
                          id: strawberry.ID) -> Opportunity | None:
        info.context.require_identity()
        return await load_opportunity(info, str(id))

    @strawberry.field(description="Newest first.")
    async def opportunities(self, info: Info[Context, None],
                            filter: OpportunityFilter | None = None, first: int = 20,
                            after: str | None = None) -> Connection[Opportunity]:
        filters = {k: v for k, v in plain(filter).items() if v} if filter else {}
        page = await info.context.query("career", "list_opportunities", filters,
                                        first=first, after=after)
        return connection_from(page, Opportunity.from_dto)


@strawberry.type
class OpportunitiesMutation:
    @strawberry.mutation
    async def post_opportunity(self, info: Info[Context, None],
                               input: PostOpportunityInput) -> OpportunityResult:
        return await run_command(info, "post_opportunity", plain(input),
                                 build=Opportunity.from_dto)

    @strawberry.mutation(description="The owner or an admin only.")
    async def update_opportunity(self, info: Info[Context, None], id: strawberry.ID,
                                 input: UpdateOpportunityInput) -> OpportunityResult:
        return await run_command(info, "update_opportunity", str(id), plain(input),
                                 build=Opportunity.from_dto)

    @strawberry.mutation(description="The owner or an admin only.")
    async def close_opportunity(self, info: Info[Context, None],
                                id: strawberry.ID) -> OpportunityResult:
        return await run_command(info, "close_opportunity", str(id),
                                 build=Opportunity.from_dto)

    @strawberry.mutation(description="Say what the role of this opportunity is like; only "
                                     "people who hold or held it.")
    async def add_role_voice(self, info: Info[Context, None], opportunity_id: strawberry.ID,
                             text: str) -> RoleVoiceResult:
        return await run_command(info, "add_role_voice", str(opportunity_id), text,
                                 build=RoleVoice.from_dto)
