"""GraphQL types of ideas: the idea with its comments, history, campaign and experiments.
Related data is read through per-request DataLoaders, one batched RPC per field and page."""
from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from gateway.context import Context
from gateway.people import Person, load_person


@strawberry.enum
class IdeaStatus(Enum):
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    ACCEPTED = "ACCEPTED"
    EXPERIMENTING = "EXPERIMENTING"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"
    DUPLICATE = "DUPLICATE"


@strawberry.enum(description="The impact/effort matrix; quick wins are done first.")
class PriorityBand(Enum):
    QUICK_WIN = "QUICK_WIN"
    MAJOR_PROJECT = "MAJOR_PROJECT"
    FILL_IN = "FILL_IN"
    THANKLESS_TASK = "THANKLESS_TASK"


@strawberry.enum
class IdeaOrder(Enum):
    NEWEST = "NEWEST"
    TOP_VOTED = "TOP_VOTED"
    PRIORITY = "PRIORITY"


def ideas_loader(info: Info[Context, None], name: str = "ideas",
                 method: str = "get_ideas") -> DataLoader:
    return info.context.loader(name, "ideas", method)


def votes_loader(info: Info[Context, None]) -> DataLoader:
    """Whether the signed-in person voted for each idea: one get_votes_of per request."""
    context = info.context
    if "idea_votes" not in context.loaders:
        voter_id = context.require_identity().user_id

        async def load(idea_ids: list[str]) -> list[bool]:
            return await context.query("ideas", "get_votes_of", voter_id, list(idea_ids))

        context.loaders["idea_votes"] = DataLoader(load_fn=load)
    return context.loaders["idea_votes"]


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@strawberry.type
class Comment:
    id: strawberry.ID
    idea_id: strawberry.ID
    body: str
    edited: bool
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Comment:
        return cls(id=strawberry.ID(dto["id"]), idea_id=strawberry.ID(dto["idea_id"]),
                   body=dto["body"], edited=dto["edited"],
                   created_at=_time(dto["created_at"]), updated_at=_time(dto["updated_at"]),
                   author_id=dto["author_id"])


@strawberry.type(description="One step of an idea through the workflow.")
class StatusChange:
    from_status: IdeaStatus | None = strawberry.field(name="from")
    to: IdeaStatus
    at: datetime
    reason: str | None
    changed_by: strawberry.Private[str]

    @strawberry.field(description="Who moved it; null when an experiment's event did.")
    async def by(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.changed_by)

    @classmethod
    def from_dto(cls, dto: dict) -> StatusChange:
        previous = dto["from_status"]
        return cls(from_status=IdeaStatus(previous) if previous else None,
                   to=IdeaStatus(dto["to_status"]), at=_time(dto["changed_at"]),
                   reason=dto["reason"], changed_by=dto["changed_by"])


@strawberry.type(description="An experiment run on an idea, with what it taught.")
class ExperimentLink:
    experiment_id: strawberry.ID
    title: str
    decision: str | None
    learnings: str | None
    started_at: datetime | None
    concluded_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ExperimentLink:
        return cls(experiment_id=strawberry.ID(dto["experiment_id"]), title=dto["title"],
                   decision=dto["decision"], learnings=dto["learnings"],
                   started_at=_time(dto["started_at"]), concluded_at=_time(dto["concluded_at"]))


@strawberry.type(description="A challenge the organisation focuses on for a while.")
class Campaign:
    id: strawberry.ID
    title: str
    description: str
    starts_on: date
    ends_on: date
    is_open: bool
    closed_at: datetime | None
    created_at: datetime
    idea_count: int

    @classmethod
    def from_dto(cls, dto: dict) -> Campaign:
        return cls(id=strawberry.ID(dto["id"]), title=dto["title"],
                   description=dto["description"],
                   starts_on=date.fromisoformat(dto["starts_on"]),
                   ends_on=date.fromisoformat(dto["ends_on"]), is_open=dto["is_open"],
                   closed_at=_time(dto["closed_at"]), created_at=_time(dto["created_at"]),
                   idea_count=dto["idea_count"])


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


@strawberry.input(description="Only the fields given change.")
class UpdateIdeaInput:
    title: str | None = None
    problem: str | None = None
    proposal: str | None = None
    benefit: str | None = None
    tags: list[str] | None = None
    area: str | None = None


@strawberry.input
class CreateCampaignInput:
    title: str
    starts_on: date
    ends_on: date
    description: str = ""


@strawberry.type
class CommentDeleted:
    id: strawberry.ID
