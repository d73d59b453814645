"""Ideas reads: one idea, the listing, campaigns."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.ideas.campaign import Campaign, ReviewSettings
from gateway.ideas.enums import IdeaOrder
from gateway.ideas.inputs import IdeaFilter
from gateway.ideas.types import Idea
from gateway.pagination import Connection, connection_from


@strawberry.type
class IdeasQuery:
    @strawberry.field(permission_classes=[IsSignedIn])
    async def idea(self, info: Info, id: strawberry.ID) -> Idea | None:
        return await info.context.loaders.ideas.load(str(id))

    @strawberry.field(description="Without a status filter, DUPLICATE ideas are left out.",
                      permission_classes=[IsSignedIn])
    async def ideas(self, info: Info, filter: IdeaFilter | None = None,
                    order_by: IdeaOrder = IdeaOrder.NEWEST, first: int = 20,
                    after: str | None = None) -> Connection[Idea]:
        page = await info.context.query(
            "ideas", "list_ideas", first=first, after=after,
            filter=filter.to_dict() if filter else None, order_by=order_by.value)
        return connection_from(page, Idea.from_dto)

    @strawberry.field(description="Every campaign, the latest start first.",
                      permission_classes=[IsSignedIn])
    async def campaigns(self, info: Info, open_only: bool = False) -> list[Campaign]:
        dtos = await info.context.query("ideas", "list_campaigns", open_only=open_only)
        return [Campaign.from_dto(d) for d in dtos]

    @strawberry.field(permission_classes=[IsSignedIn])
    async def campaign(self, info: Info, id: strawberry.ID) -> Campaign | None:
        return await info.context.loaders.campaigns.load(str(id))

    @strawberry.field(permission_classes=[IsSignedIn])
    async def review_settings(self, info: Info) -> ReviewSettings:
        return ReviewSettings.from_dto(await info.context.query("ideas", "get_review_settings"))
