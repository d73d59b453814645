"""Opportunities, applications and role voices as GraphQL types. Related objects come from
this request's loaders, so a list of opportunities costs one call per relation."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.career.enums import ApplicationStatus, OpportunityKind, OpportunityStatus
from gateway.career.skills import Skill
from gateway.context import Info
from gateway.iso import day, moment

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class OpportunitySkill:
    skill: Skill
    level: int = strawberry.field(description="Level asked for, 1 to 5")
    required: bool = strawberry.field(description="False: nice to have")


@strawberry.type(description="What someone who holds or held the role says it is like.")
class RoleVoice:
    id: strawberry.ID
    text: str
    current: bool = strawberry.field(description="True: holds the role now")
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> RoleVoice:
        return cls(id=strawberry.ID(dto["id"]), text=dto["text"], current=dto["current"],
                   created_at=moment(dto["created_at"]), author_id=dto["author_id"])


@strawberry.type
class Opportunity:
    id: strawberry.ID
    kind: OpportunityKind
    title: str
    description: str
    team: str | None
    skills: list[OpportunitySkill]
    hours_per_week: int | None
    location: str
    remote: bool
    starts_on: date | None
    closes_on: date | None
    capacity: int
    accepted_count: int
    status: OpportunityStatus
    created_at: datetime
    updated_at: datetime
    spots_left: int
    owner_id: strawberry.Private[str]

    @strawberry.field
    async def owner(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.owner_id)

    @strawberry.field(description="Every application for the owner or an admin; for anyone "
                                  "else only their own.")
    async def applications(self, info: Info) -> list[Application]:
        return await info.context.loaders.applications_for.load(str(self.id))

    @strawberry.field(description="Notes from people who hold or held this role.")
    async def voices(self, info: Info) -> list[RoleVoice]:
        return await info.context.loaders.role_voices.load(str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> Opportunity:
        skills = [OpportunitySkill(skill=Skill.from_dto(s["skill"]), level=s["level"],
                                   required=s["required"]) for s in dto["skills"]]
        return cls(
            id=strawberry.ID(dto["id"]), kind=OpportunityKind(dto["kind"]), title=dto["title"],
            description=dto["description"], team=dto["team"], skills=skills,
            hours_per_week=dto["hours_per_week"], location=dto["location"],
            remote=dto["remote"], starts_on=day(dto["starts_on"]),
            closes_on=day(dto["closes_on"]), capacity=dto["capacity"],
            accepted_count=dto["accepted_count"], spots_left=dto["spots_left"],
            status=OpportunityStatus(dto["status"]), created_at=moment(dto["created_at"]),
            updated_at=moment(dto["updated_at"]), owner_id=dto["owner_id"])


@strawberry.type
class Application:
    id: strawberry.ID
    note: str
    status: ApplicationStatus
    message: str = strawberry.field(description="The owner's, with the decision")
    created_at: datetime
    decided_at: datetime | None
    opportunity_id: strawberry.Private[str]
    applicant_id: strawberry.Private[str]

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity | None:
        return await info.context.loaders.opportunities.load(self.opportunity_id)

    @strawberry.field
    async def applicant(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.applicant_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Application:
        return cls(id=strawberry.ID(dto["id"]), note=dto["note"],
                   status=ApplicationStatus(dto["status"]), message=dto["message"],
                   created_at=moment(dto["created_at"]), decided_at=moment(dto.get("decided_at")),
                   opportunity_id=dto["opportunity_id"], applicant_id=dto["applicant_id"])
