"""Events published by the reflections service. Only non-private content ever leaves it."""
from __future__ import annotations

from shared.contracts.base import Contract


class ReflectionShared(Contract):
    """A reflection became TEAM or ORGANIZATION visible, or a shared one changed."""

    event_type = "reflection_shared"

    reflection_id: str
    author_id: str
    team: str | None
    visibility: str  # TEAM | ORGANIZATION
    text: str
    tags: list[str]


class ReflectionUnshared(Contract):
    """It became private or was deleted: derived data elsewhere must be removed."""

    event_type = "reflection_unshared"

    reflection_id: str
