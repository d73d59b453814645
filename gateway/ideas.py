"""Ideas in GraphQL: queries here, the types in ideas_node/ideas_types, the mutations in
ideas_mutations; `IdeasQuery` and `IdeasMutation` are what the root schema composes."""
from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.ideas_mutations import CampaignMutations, IdeaMutations, ReviewMutations
from gateway.ideas_node import Idea
from gateway.ideas_types import Campaign, IdeaFilter, IdeaOrder, IdeaStatus, ideas_loader
from gateway.pagination import Connection, connection_from

__all__ = ["Idea", "IdeaStatus", "IdeasMutation", "IdeasQuery"]


@strawberry.type
class IdeasQuery:
    @strawberry.field
    async def idea(self, info: Info[Context, None], id: strawberry.ID) -> Idea | None:
        dto = await ideas_loader(info).load(str(id))
        return Idea.from_dto(dto) if dto else None

    @strawberry.field(description="Without a status filter, DUPLICATE ideas are left out.")
    async def ideas(self, info: Info[Context, None], filter: IdeaFilter | None = None,
                    order_by: IdeaOrder = IdeaOrder.NEWEST, first: int = 20,
                    after: str | None = None) -> Connection[Idea]:
        page = await info.context.query(
            "ideas", "list_ideas", first=first, after=after,
            filter=filter.to_dict() if filter else None, order_by=order_by.value)
        return connection_from(page, Idea.from_dto)

    @strawberry.field(description="Every campaign, the latest start first.")
    async def campaigns(self, info: Info[Context, None],
                        open_only: bool = False) -> list[Campaign]:
        dtos = await info.context.query("ideas", "list_campaigns", open_only=open_only)
        return [Campaign.from_dto(d) for d in dtos]

    @strawberry.field
    async def campaign(self, info: Info[Context, None], id: strawberry.ID) -> Campaign | None:
        dto = await ideas_loader(info, "campaigns", "get_campaigns").load(str(id))
        return Campaign.from_dto(dto) if dto else None


@strawberry.type
class IdeasMutation(IdeaMutations, ReviewMutations, CampaignMutations):
    pass
