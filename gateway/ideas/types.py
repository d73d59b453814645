"""The Idea type. Every related field comes from this request's loaders, so a page of ideas
costs one RPC per field, whatever its size."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.ideas.activity import Comment, ExperimentLink, StatusChange
from gateway.ideas.campaign import Campaign
from gateway.ideas.enums import IdeaStatus, PriorityBand
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.insights.types import Theme
    from gateway.people.types import Person


@strawberry.type
class Idea:
    id: strawberry.ID
    title: str
    problem: str
    proposal: str
    benefit: str
    area: str | None
    tags: list[str]
    status: IdeaStatus
    vote_count: int
    comment_count: int
    impact: int | None = strawberry.field(description="1 to 5, set by a reviewer.")
    effort: int | None = strawberry.field(description="1 to 5, set by a reviewer.")
    priority: int | None = strawberry.field(
        description="impact × (6 − effort), 1 to 25; null until assessed.")
    priority_band: PriorityBand | None
    source_reflection_id: strawberry.ID | None = strawberry.field(
        description="The reflection its author turned into this idea.")
    source_ref: str | None = strawberry.field(
        default=None, description="Where else it came from: growth:check-in:<checkInId>:"
                                  "<problem index> for a check-in's problem.")
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]
    campaign_id: strawberry.Private[str | None]
    duplicate_of_id: strawberry.Private[str | None]
    duplicate_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def author(self, info: Info) -> Annotated[
            Person, strawberry.lazy("gateway.people.types")] | None:
        return await info.context.loaders.people.load(self.author_id)

    @strawberry.field(description="Whether the signed-in person voted for it.")
    async def viewer_has_voted(self, info: Info) -> bool:
        return await info.context.loaders.idea_votes.load(str(self.id))

    @strawberry.field(description="Oldest first.")
    async def comments(self, info: Info) -> list[Comment]:
        return await info.context.loaders.idea_comments.load(str(self.id))

    @strawberry.field(description="Every status change, oldest first, from the submission.")
    async def history(self, info: Info) -> list[StatusChange]:
        return await info.context.loaders.idea_history.load(str(self.id))

    @strawberry.field
    async def campaign(self, info: Info) -> Campaign | None:
        if not self.campaign_id:
            return None
        return await info.context.loaders.campaigns.load(self.campaign_id)

    @strawberry.field(description="The canonical idea this one was merged into.")
    async def duplicate_of(self, info: Info) -> Idea | None:
        if not self.duplicate_of_id:
            return None
        return await info.context.loaders.ideas.load(self.duplicate_of_id)

    @strawberry.field(description="Ideas merged into this one; their comments stay there.")
    async def duplicates(self, info: Info) -> list[Idea]:
        return [i for i in await info.context.loaders.ideas.load_many(self.duplicate_ids) if i]

    @strawberry.field(description="Experiments run on it, with their decision and learnings.")
    async def experiment_links(self, info: Info) -> list[ExperimentLink]:
        return await info.context.loaders.idea_experiments.load(str(self.id))

    @strawberry.field(description="The theme it falls in; null while it waits to be clustered.")
    async def theme(self, info: Info) -> Annotated[
            Theme, strawberry.lazy("gateway.insights.types")] | None:
        return await info.context.loaders.idea_themes.load(str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> Idea:
        band = dto.get("priority_band")
        return cls(
            id=strawberry.ID(dto["id"]), title=dto["title"], problem=dto["problem"],
            proposal=dto["proposal"], benefit=dto["benefit"], area=dto.get("area"),
            tags=dto["tags"], status=IdeaStatus(dto["status"]), vote_count=dto["vote_count"],
            comment_count=dto.get("comment_count", 0), impact=dto.get("impact"),
            effort=dto.get("effort"), priority=dto.get("priority"),
            priority_band=PriorityBand(band) if band else None,
            source_reflection_id=dto.get("source_reflection_id"),
            source_ref=dto.get("source_ref"),
            created_at=moment(dto["created_at"]), updated_at=moment(dto["updated_at"]),
            author_id=dto["author_id"], campaign_id=dto.get("campaign_id"),
            duplicate_of_id=dto.get("duplicate_of_id"),
            duplicate_ids=dto.get("duplicate_ids", []),
        )
