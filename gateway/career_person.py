"""The profile half of Person: resolved from the career service in one batch per request."""
from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.career_types import Evidence, ProfileSkill, Skill
from gateway.context import Context


async def load_profile(info: Info[Context, None], person_id: str) -> dict | None:
    return await info.context.loader("profiles", "career", "get_profiles").load(person_id)


@strawberry.type
class ProfileFields:
    """Fields every Person has; the base is never exposed on its own."""

    @strawberry.field
    async def headline(self, info: Info[Context, None]) -> str:
        profile = await load_profile(info, str(self.id))
        return profile["headline"] if profile else ""

    @strawberry.field(description="Skills with levels, normalised to the taxonomy.")
    async def skills(self, info: Info[Context, None]) -> list[ProfileSkill]:
        profile = await load_profile(info, str(self.id))
        return [ProfileSkill(skill=Skill.from_dto(s["skill"]), level=s["level"])
                for s in (profile or {}).get("skills", [])]

    @strawberry.field
    async def interests(self, info: Info[Context, None]) -> list[str]:
        return ((await load_profile(info, str(self.id))) or {}).get("interests", [])

    @strawberry.field
    async def aspirations(self, info: Info[Context, None]) -> str:
        return ((await load_profile(info, str(self.id))) or {}).get("aspirations", "")

    @strawberry.field(description="Skills this person offers to mentor others in.")
    async def mentoring_skills(self, info: Info[Context, None]) -> list[Skill]:
        profile = await load_profile(info, str(self.id))
        return [Skill.from_dto(s) for s in (profile or {}).get("mentoring_skills", [])]

    @strawberry.field
    async def available_hours_per_week(self, info: Info[Context, None]) -> int | None:
        profile = await load_profile(info, str(self.id))
        return profile["available_hours_per_week"] if profile else None

    @strawberry.field(description="Improvement work as proof of skill, newest first.")
    async def evidence(self, info: Info[Context, None]) -> list[Evidence]:
        profile = await load_profile(info, str(self.id))
        return [Evidence.from_dto(e) for e in (profile or {}).get("evidence", [])]
