"""The Idea type. Every related field resolves through a DataLoader, so a page of ideas
costs one RPC per field, whatever its size."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.ideas_types import (
    Campaign,
    Comment,
    ExperimentLink,
    IdeaStatus,
    PriorityBand,
    StatusChange,
    ideas_loader,
    votes_loader,
)
from gateway.people import Person, load_person

if TYPE_CHECKING:
    from gateway.insights_types import Theme


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
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]
    campaign_id: strawberry.Private[str | None]
    duplicate_of_id: strawberry.Private[str | None]
    duplicate_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def author(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.author_id)

    @strawberry.field(description="Whether the signed-in person voted for it.")
    async def viewer_has_voted(self, info: Info[Context, None]) -> bool:
        return await votes_loader(info).load(str(self.id))

    @strawberry.field(description="Oldest first.")
    async def comments(self, info: Info[Context, None]) -> list[Comment]:
        dtos = await ideas_loader(info, "idea_comments", "get_comments_of").load(str(self.id))
        return [Comment.from_dto(d) for d in dtos]

    @strawberry.field(description="Every status change, oldest first, from the submission.")
    async def history(self, info: Info[Context, None]) -> list[StatusChange]:
        dtos = await ideas_loader(info, "idea_history", "get_history_of").load(str(self.id))
        return [StatusChange.from_dto(d) for d in dtos]

    @strawberry.field
    async def campaign(self, info: Info[Context, None]) -> Campaign | None:
        if not self.campaign_id:
            return None
        dto = await ideas_loader(info, "campaigns", "get_campaigns").load(self.campaign_id)
        return Campaign.from_dto(dto) if dto else None

    @strawberry.field(description="The canonical idea this one was merged into.")
    async def duplicate_of(self, info: Info[Context, None]) -> Idea | None:
        if not self.duplicate_of_id:
            return None
        dto = await ideas_loader(info).load(self.duplicate_of_id)
        return Idea.from_dto(dto) if dto else None

    @strawberry.field(description="Ideas merged into this one; their comments stay there.")
    async def duplicates(self, info: Info[Context, None]) -> list[Idea]:
        dtos = await ideas_loader(info).load_many(self.duplicate_ids)
        return [Idea.from_dto(d) for d in dtos if d]

    @strawberry.field(description="Experiments run on it, with their decision and learnings.")
    async def experiment_links(self, info: Info[Context, None]) -> list[ExperimentLink]:
        dtos = await ideas_loader(info, "idea_experiments",
                                  "get_experiment_links_of").load(str(self.id))
        return [ExperimentLink.from_dto(d) for d in dtos]

    @strawberry.field(description="The theme it falls in; null while it waits to be clustered.")
    async def theme(self, info: Info[Context, None]) -> Annotated[
            Theme, strawberry.lazy("gateway.insights_types")] | None:
        from gateway.insights_types import load_theme

        return await load_theme(info, str(self.id))

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
            created_at=datetime.fromisoformat(dto["created_at"]),
            updated_at=datetime.fromisoformat(dto["updated_at"]),
            author_id=dto["author_id"], campaign_id=dto.get("campaign_id"),
            duplicate_of_id=dto.get("duplicate_of_id"),
            duplicate_ids=dto.get("duplicate_ids", []),
        )
