"""Event payload contracts, defined once. Every event travels in an envelope
(see shared.outbox.envelope): {event_id, event_type, source, occurred_at, data}."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def dump(self) -> dict:
        return self.model_dump(mode="json")


class IdeaSubmitted(Contract):
    idea_id: str
    title: str
    problem: str
    proposal: str
    tags: list[str]
    author_id: str
    campaign_id: str | None = None
    created_at: str


class PersonUpserted(Contract):
    person_id: str
    name: str
    team: str | None
    roles: list[str]


EVENTS: dict[str, type[Contract]] = {
    "idea_submitted": IdeaSubmitted,
    "person_upserted": PersonUpserted,
}


def parse(message: dict) -> Contract:
    """The typed data of an envelope; raises pydantic.ValidationError on a bad payload."""
    return EVENTS[message["event_type"]].model_validate(message["data"])
