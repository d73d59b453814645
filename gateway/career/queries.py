"""Career reads: skills autocomplete, opportunities, applications, skill gaps, mentors."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.career.inputs import OpportunityFilter
from gateway.career.mentoring import Mentor, MentoringRequest, SkillGap
from gateway.career.skills import Skill, SkillMatch
from gateway.career.types import Application, Opportunity
from gateway.context import Info
from gateway.errors import Missing
from gateway.pagination import Connection, connection_from
from gateway.people.types import Person


@strawberry.type
class CareerQuery:
    @strawberry.field(description="Autocomplete over the skills taxonomy: names starting "
                                  "with the text first, then word matches, then synonyms.",
                      permission_classes=[IsSignedIn])
    async def skills(self, info: Info, search: str, first: int | None = 10) -> list[Skill]:
        found = await info.context.query("career", "search_skills", search, first)
        return [Skill.from_dto(s) for s in found]

    @strawberry.field(description="Whether each name is an ESCO skill (by its label or a "
                                  "synonym); for one that is not, the close ESCO skills to "
                                  "offer, since it would be kept as a custom skill.",
                      permission_classes=[IsSignedIn])
    async def skill_matches(self, info: Info, names: list[str]) -> list[SkillMatch]:
        found = await info.context.query("career", "match_skills", names)
        return [SkillMatch.from_dto(m) for m in found]

    @strawberry.field(permission_classes=[IsSignedIn])
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity | None:
        return await info.context.loaders.opportunities.load(str(id))

    @strawberry.field(description="Newest first.", permission_classes=[IsSignedIn])
    async def opportunities(self, info: Info, filter: OpportunityFilter | None = None,
                            first: int = 20, after: str | None = None
                            ) -> Connection[Opportunity]:
        page = await info.context.query("career", "list_opportunities",
                                        filter.to_dict() if filter else {},
                                        first=first, after=after)
        return connection_from(page, Opportunity.from_dto)

    @strawberry.field(description="Your applications, newest first.",
                      permission_classes=[IsSignedIn])
    async def my_applications(self, info: Info) -> list[Application]:
        return [Application.from_dto(a)
                for a in await info.context.query("career", "my_applications")]

    @strawberry.field(description="Your gap for an opportunity; managers may ask for another "
                                  "employee's. Null when the opportunity or person is unknown.",
                      permission_classes=[IsSignedIn])
    async def skill_gap(self, info: Info, opportunity_id: strawberry.ID,
                        employee_id: strawberry.ID | None = None) -> SkillGap | None:
        try:
            return SkillGap.from_dto(await info.context.query(
                "career", "skill_gap", str(opportunity_id),
                str(employee_id) if employee_id else None))
        except Missing:
            return None

    @strawberry.field(description="People offering mentoring in these skills, best coverage "
                                  "first; never you.", permission_classes=[IsSignedIn])
    async def mentors(self, info: Info, skills: list[str], first: int = 10) -> list[Mentor]:
        found = await info.context.query("career", "find_mentors", skills, first)
        return [Mentor(person=Person.from_dto(m["person"]),
                       skills=[Skill.from_dto(s) for s in m["skills"]],
                       coverage=m["coverage"]) for m in found]

    @strawberry.field(description="Requests you sent or received, newest first.",
                      permission_classes=[IsSignedIn])
    async def my_mentoring_requests(self, info: Info) -> list[MentoringRequest]:
        rows = await info.context.query("career", "my_mentoring_requests")
        return [MentoringRequest.from_dto(r) for r in rows]
