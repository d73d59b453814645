"""An idea, live: each vote, comment or status change sends it again, read as the subscriber
(a person who may no longer read it gets nothing more)."""
from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from gateway import live
from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import PublicError
from gateway.ideas.types import Idea


async def readable_idea(info: Info, idea_id: str) -> Idea | None:
    [dto] = await info.context.query("ideas", "get_ideas", [idea_id])
    return Idea.from_dto(dto) if dto else None


@strawberry.type
class IdeasSubscription:
    @strawberry.subscription(description="The idea again after each vote, comment or status "
                                         "change.", permission_classes=[IsSignedIn])
    async def idea_changed(self, info: Info, id: strawberry.ID) -> AsyncGenerator[Idea, None]:
        if await readable_idea(info, str(id)) is None:
            raise PublicError(f"idea {id} not found", "NOT_FOUND")
        async for _ in live.events(info.context, ("idea", str(id))):
            idea = await readable_idea(info, str(id))
            if idea is None:
                return
            yield idea
