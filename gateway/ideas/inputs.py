"""Inputs of ideas; each turns itself into the plain dict the ideas service takes."""
from __future__ import annotations

from datetime import date

import strawberry

from gateway.ideas.enums import IdeaStatus


@strawberry.input
class IdeaFilter:
    status: IdeaStatus | None = None
    campaign_id: strawberry.ID | None = None
    tag: str | None = None
    author_id: strawberry.ID | None = None
    search: str | None = strawberry.field(
        default=None, description="Words that must all appear in title, problem or proposal.")

    def to_dict(self) -> dict:
        return {"status": self.status.value if self.status else None,
                "campaign_id": self.campaign_id, "tag": self.tag, "author_id": self.author_id,
                "search": self.search}


@strawberry.input
class SubmitIdeaInput:
    title: str
    problem: str = ""
    proposal: str = ""
    benefit: str = ""
    tags: list[str] = strawberry.field(default_factory=list)
    campaign_id: strawberry.ID | None = None
    area: str | None = None

    def to_dict(self) -> dict:
        return strawberry.asdict(self)


@strawberry.input(description="Only the fields given change.")
class UpdateIdeaInput:
    title: str | None = None
    problem: str | None = None
    proposal: str | None = None
    benefit: str | None = None
    tags: list[str] | None = None
    area: str | None = None

    def to_dict(self) -> dict:
        return strawberry.asdict(self)


@strawberry.input
class CreateCampaignInput:
    title: str
    starts_on: date
    ends_on: date
    description: str = ""

    def to_dict(self) -> dict:
        return {"title": self.title, "description": self.description,
                "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat()}
