"""The skill gap for an opportunity, mentors by skill, and mentoring requests."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.career_applications import Decision
from gateway.career_nodes import Opportunity, load_opportunity
from gateway.career_types import Skill, run_command
from gateway.context import Context
from gateway.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    public_error,
)
from gateway.people import Person, load_person
from shared.errors import NotFound


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
    async def opportunity(self, info: Info[Context, None]) -> Opportunity | None:
        return await load_opportunity(info, self.opportunity_id)

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.employee_id)

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
    person: Person
    skills: list[Skill] = strawberry.field(description="The asked-for skills they mentor in")
    coverage: float = strawberry.field(description="Share of the asked-for skills")


@strawberry.enum
class MentoringStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


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
    async def mentor(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.mentor_id)

    @strawberry.field
    async def mentee(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.mentee_id)

    @classmethod
    def from_dto(cls, dto: dict) -> MentoringRequest:
        return cls(id=strawberry.ID(dto["id"]), skills=dto["skills"], message=dto["message"],
                   status=MentoringStatus(dto["status"]), response=dto["response"],
                   created_at=datetime.fromisoformat(dto["created_at"]),
                   mentor_id=dto["mentor_id"], mentee_id=dto["mentee_id"])


MentoringResult = Annotated[
    MentoringRequest | ValidationError | PermissionDeniedError | NotFoundError | ConflictError,
    strawberry.union("MentoringResult")]


@strawberry.type
class MentoringQuery:
    @strawberry.field(description="Your gap for an opportunity; managers may ask for another "
                                  "employee's. Null when the opportunity or person is unknown.")
    async def skill_gap(self, info: Info[Context, None], opportunity_id: strawberry.ID,
                        employee_id: strawberry.ID | None = None) -> SkillGap | None:
        try:
            dto = await info.context.rpc.call(
                "career", "skill_gap", str(opportunity_id),
                str(employee_id) if employee_id else None,
                identity=info.context.require_identity(), idempotent=True)
        except NotFound:
            return None
        except Exception as exc:
            raise public_error(exc) from exc
        return SkillGap.from_dto(dto)

    @strawberry.field(description="People offering mentoring in these skills, best coverage "
                                  "first; never you.")
    async def mentors(self, info: Info[Context, None], skills: list[str],
                      first: int = 10) -> list[Mentor]:
        found = await info.context.query("career", "find_mentors", skills, first)
        return [Mentor(person=Person.from_dto(m["person"]),
                       skills=[Skill.from_dto(s) for s in m["skills"]],
                       coverage=m["coverage"]) for m in found]

    @strawberry.field(description="Requests you sent or received, newest first.")
    async def my_mentoring_requests(self, info: Info[Context, None]) -> list[MentoringRequest]:
        rows = await info.context.query("career", "my_mentoring_requests")
        return [MentoringRequest.from_dto(r) for r in rows]


@strawberry.type
class MentoringMutation:
    @strawberry.mutation
    async def request_mentoring(self, info: Info[Context, None], mentor_id: strawberry.ID,
                                skills: list[str], message: str = "") -> MentoringResult:
        return await run_command(info, "request_mentoring", str(mentor_id), skills, message,
                                 build=MentoringRequest.from_dto)

    @strawberry.mutation(description="The mentor accepts or declines a request.")
    async def respond_to_mentoring_request(self, info: Info[Context, None], id: strawberry.ID,
                                           decision: Decision,
                                           message: str = "") -> MentoringResult:
        return await run_command(info, "respond_to_mentoring_request", str(id), decision.value,
                                 message, build=MentoringRequest.from_dto)
