"""Events published by the ideas service."""
from __future__ import annotations

from shared.contracts.base import Contract


class IdeaSubmitted(Contract):
    event_type = "idea_submitted"

    idea_id: str
    title: str
    problem: str
    proposal: str
    tags: list[str]
    author_id: str
    campaign_id: str | None = None
    created_at: str
