"""The profile half of Person: career's profile of each person, one batched read per
request."""
from __future__ import annotations

import strawberry

from gateway.career.skills import Evidence, ProfileSkill, Skill
from gateway.context import Info


async def profile_of(info: Info, person_id: str) -> dict:
    return await info.context.loaders.profiles.load(person_id) or {}


PRIVATE = ("Private: empty (null for the hours) unless you are the person, their own manager "
           "or an admin.")


@strawberry.type
class ProfileFields:
    """Fields every Person has; the base is never exposed on its own."""

    @strawberry.field
    async def headline(self, info: Info) -> str:
        return (await profile_of(info, str(self.id))).get("headline", "")

    @strawberry.field(description="Skills with levels, normalised to the taxonomy.")
    async def skills(self, info: Info) -> list[ProfileSkill]:
        profile = await profile_of(info, str(self.id))
        return [ProfileSkill(skill=Skill.from_dto(s["skill"]), level=s["level"])
                for s in profile.get("skills", [])]

    @strawberry.field(description=PRIVATE)
    async def interests(self, info: Info) -> list[str]:
        return (await profile_of(info, str(self.id))).get("interests", [])

    @strawberry.field(description=PRIVATE)
    async def aspirations(self, info: Info) -> str:
        return (await profile_of(info, str(self.id))).get("aspirations", "")

    @strawberry.field(description="Skills this person offers to mentor others in.")
    async def mentoring_skills(self, info: Info) -> list[Skill]:
        profile = await profile_of(info, str(self.id))
        return [Skill.from_dto(s) for s in profile.get("mentoring_skills", [])]

    @strawberry.field(description=PRIVATE)
    async def available_hours_per_week(self, info: Info) -> int | None:
        return (await profile_of(info, str(self.id))).get("available_hours_per_week")

    @strawberry.field(description="Improvement work as proof of skill, newest first.")
    async def evidence(self, info: Info) -> list[Evidence]:
        profile = await profile_of(info, str(self.id))
        return [Evidence.from_dto(e) for e in profile.get("evidence", [])]
