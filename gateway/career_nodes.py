"""Opportunities, applications and role voices as GraphQL types. Related objects load
through per-request DataLoaders, so a list of opportunities costs one call per relation."""
from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.career_types import Skill
from gateway.context import Context
from gateway.people import Person, load_person


@strawberry.enum
class OpportunityKind(Enum):
    ROLE = "ROLE"
    PROJECT = "PROJECT"
    GIG = "GIG"
    MENTORSHIP = "MENTORSHIP"


@strawberry.enum
class OpportunityStatus(Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


@strawberry.enum
class ApplicationStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.type
class OpportunitySkill:
    skill: Skill
    level: int = strawberry.field(description="Level asked for, 1 to 5")
    required: bool = strawberry.field(description="False: nice to have")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@strawberry.type(description="What someone who holds or held the role says it is like.")
class RoleVoice:
    id: strawberry.ID
    text: str
    current: bool = strawberry.field(description="True: holds the role now")
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> RoleVoice:
        return cls(id=strawberry.ID(dto["id"]), text=dto["text"], current=dto["current"],
                   created_at=datetime.fromisoformat(dto["created_at"]),
                   author_id=dto["author_id"])


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
    owner_id: strawberry.Private[str]

    @strawberry.field
    def spots_left(self) -> int:
        return max(0, self.capacity - self.accepted_count)

    @strawberry.field
    async def owner(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.owner_id)

    @strawberry.field(description="Every application for the owner or an admin; for anyone "
                                  "else only their own.")
    async def applications(self, info: Info[Context, None]) -> list[Application]:
        loader = info.context.loader("applications_for", "career", "get_applications_for")
        return [Application.from_dto(a) for a in await loader.load(str(self.id))]

    @strawberry.field(description="Notes from people who hold or held this role.")
    async def voices(self, info: Info[Context, None]) -> list[RoleVoice]:
        loader = info.context.loader("role_voices", "career", "get_role_voices")
        return [RoleVoice.from_dto(v) for v in await loader.load(str(self.id))]

    @classmethod
    def from_dto(cls, dto: dict) -> Opportunity:
        skills = [OpportunitySkill(skill=Skill.from_dto(s["skill"]), level=s["level"],
                                   required=s["required"]) for s in dto["skills"]]
        return cls(
            id=strawberry.ID(dto["id"]), kind=OpportunityKind(dto["kind"]), title=dto["title"],
            description=dto["description"], team=dto["team"], skills=skills,
            hours_per_week=dto["hours_per_week"], location=dto["location"],
            remote=dto["remote"], starts_on=_date(dto["starts_on"]),
            closes_on=_date(dto["closes_on"]), capacity=dto["capacity"],
            accepted_count=dto["accepted_count"], status=OpportunityStatus(dto["status"]),
            created_at=datetime.fromisoformat(dto["created_at"]),
            updated_at=datetime.fromisoformat(dto["updated_at"]), owner_id=dto["owner_id"])


async def load_opportunity(info: Info[Context, None], opportunity_id: str) -> Opportunity | None:
    loader = info.context.loader("opportunities", "career", "get_opportunities")
    dto = await loader.load(opportunity_id)
    return Opportunity.from_dto(dto) if dto else None


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
    async def opportunity(self, info: Info[Context, None]) -> Opportunity | None:
        return await load_opportunity(info, self.opportunity_id)

    @strawberry.field
    async def applicant(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.applicant_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Application:
        decided = dto.get("decided_at")
        return cls(id=strawberry.ID(dto["id"]), note=dto["note"],
                   status=ApplicationStatus(dto["status"]), message=dto["message"],
                   created_at=datetime.fromisoformat(dto["created_at"]),
                   decided_at=datetime.fromisoformat(decided) if decided else None,
                   opportunity_id=dto["opportunity_id"], applicant_id=dto["applicant_id"])
