"""Events of the insights unit tests."""
from __future__ import annotations

from datetime import timedelta

from shared.clock import now
from shared.contracts.career import OpportunityPosted
from shared.contracts.ideas import IdeaSubmitted
from shared.outbox import envelope
from tests.support.identities import ANA

TEXT = "Shadow board for torque wrenches at station three"


def message(contract, source: str, seconds: int = 0) -> dict:
    """An envelope that occurred `seconds` from now."""
    sent = envelope(contract.event_type, contract.dump(), source)
    return {**sent, "occurred_at": (now() + timedelta(seconds=seconds)).isoformat()}


def submitted(idea_id: str = "i1", title: str = TEXT, seconds: int = 0) -> dict:
    return message(IdeaSubmitted(idea_id=idea_id, title=title, problem="", proposal="",
                                 tags=["5s"], author_id=ANA.user_id,
                                 created_at=now().isoformat()), "ideas", seconds)


def posted(opportunity_id: str, owner_id: str, seconds: int = 0) -> dict:
    return message(OpportunityPosted(
        opportunity_id=opportunity_id, kind="PROJECT", title="Torque wrench project",
        description="Shadow boards for every station", team="Assembly", owner_id=owner_id,
        skills=[{"name": "Lean", "skill_id": None, "level": 2, "required": True}],
        status="OPEN"), "career", seconds)
