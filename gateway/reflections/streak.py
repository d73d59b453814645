"""The caller's reflection habit, on Person: one read, for the caller's own Person only."""
from __future__ import annotations

import strawberry

from gateway.context import Info


@strawberry.type(description="The caller's reflection habit (ISO weeks, UTC).")
class ReflectionStreak:
    weeks: int = strawberry.field(description="Weeks in a row with at least one reflection, "
                                              "counting back from this week.")
    this_week: int


async def streak_of(info: Info, person_id: str) -> ReflectionStreak | None:
    """The caller's own habit; nobody else's (null)."""
    identity = info.context.identity
    if identity is None or identity.user_id != person_id:
        return None
    habit = await info.context.query("reflections", "reflection_habit")
    return ReflectionStreak(weeks=habit["weeks"], this_week=habit["this_week"])
