"""The skill gap for an opportunity, mentors by skill and mentoring requests as GraphQL
types."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.career.enums import MentoringStatus
from gateway.career.skills import Skill
from gateway.career.types import Opportunity
from gateway.context import Info
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class SkillHave:
    skill: Skill
    required: int = strawberry.field(description="Level the opportunity asks for")
    have: int = strawberry.field(description="Level the person has")
    essential: bool = strawberry.field(description="False: nice to have")


@strawberry.type
class SkillMissing:
    skill: Skill
    required: int
    essential: bool


@strawberry.type(description="Computed deterministically: required skills weigh twice.")
class SkillGap:
    matched: list[SkillHave]
    missing: list[SkillMissing]
    under_level: list[SkillHave]
    coverage: float = strawberry.field(description="0 to 1")
    opportunity_id: strawberry.Private[str]
    employee_id: strawberry.Private[str]

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity | None:
        return await info.context.loaders.opportunities.load(self.opportunity_id)

    @strawberry.field
    async def employee(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.employee_id)

    @classmethod
    def from_dto(cls, dto: dict) -> SkillGap:
        def have(e):
            return SkillHave(skill=Skill.from_dto(e["skill"]), required=e["required"],
                             have=e["have"], essential=e["essential"])
        return cls(matched=[have(e) for e in dto["matched"]],
                   under_level=[have(e) for e in dto["under_level"]],
                   missing=[SkillMissing(skill=Skill.from_dto(e["skill"]), required=e["required"],
                                         essential=e["essential"]) for e in dto["missing"]],
                   coverage=dto["coverage"], opportunity_id=dto["opportunity_id"],
                   employee_id=dto["employee_id"])


@strawberry.type
class Mentor:
    person: PersonRef
    skills: list[Skill] = strawberry.field(description="The asked-for skills they mentor in")
    coverage: float = strawberry.field(description="Share of the asked-for skills")


@strawberry.type
class MentoringRequest:
    id: strawberry.ID
    skills: list[str]
    message: str
    status: MentoringStatus
    response: str
    created_at: datetime
    mentor_id: strawberry.Private[str]
    mentee_id: strawberry.Private[str]

    @strawberry.field
    async def mentor(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.mentor_id)

    @strawberry.field
    async def mentee(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.mentee_id)

    @classmethod
    def from_dto(cls, dto: dict) -> MentoringRequest:
        return cls(id=strawberry.ID(dto["id"]), skills=dto["skills"], message=dto["message"],
                   status=MentoringStatus(dto["status"]), response=dto["response"],
                   created_at=moment(dto["created_at"]),
                   mentor_id=dto["mentor_id"], mentee_id=dto["mentee_id"])
