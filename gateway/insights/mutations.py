"""Insights changes: dismissing a recommendation, re-clustering the themes."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.career.types import Opportunity
from gateway.context import Info
from gateway.errors import NotFoundError, Refused, ValidationError
from gateway.insights.types import NotDuplicate, ReclusterResult

NotInterestedResult = Annotated[
    Opportunity | ValidationError | NotFoundError | Refused,
    strawberry.union("NotInterestedResult")]
MarkNotDuplicateResult = Annotated[
    NotDuplicate | ValidationError | NotFoundError | Refused,
    strawberry.union("MarkNotDuplicateResult")]
ReclusterThemesResult = Annotated[
    ReclusterResult | Refused, strawberry.union("ReclusterThemesResult")]


async def dismissed(info: Info, opportunity_id: str) -> Opportunity | NotFoundError:
    """The opportunity as career has it; insights knew it, so career's lacking it is rare."""
    found = await info.context.loaders.opportunities.load(opportunity_id)
    return found or NotFoundError(message="no such opportunity")


@strawberry.type
class InsightsMutation:
    @strawberry.mutation(description="Never recommend this to me again; rank similar ones "
                                     "lower.", permission_classes=[IsSignedIn])
    async def not_interested(self, info: Info,
                             opportunity_id: strawberry.ID) -> NotInterestedResult:
        return await info.context.result("insights", "not_interested", str(opportunity_id),
                                         to=lambda _: dismissed(info, str(opportunity_id)))

    @strawberry.mutation(description="A suggested duplicate of the idea being written is not "
                                     "the same: stored (with the draft) to calibrate the "
                                     "duplicate threshold; idempotent.",
                         permission_classes=[IsSignedIn])
    async def mark_not_duplicate(self, info: Info, text: str,
                                 idea_id: strawberry.ID) -> MarkNotDuplicateResult:
        return await info.context.result(
            "insights", "mark_not_duplicate", text, str(idea_id),
            to=lambda answer: NotDuplicate(score=answer["score"], idea_id=answer["idea_id"]))

    @strawberry.mutation(description="Reviewers: re-cluster every idea now; themes keep their "
                                     "ids where the clusters overlap.",
                         permission_classes=[IsSignedIn])
    async def recluster_themes(self, info: Info) -> ReclusterThemesResult:
        return await info.context.result("insights", "recluster",
                                         to=lambda counts: ReclusterResult(**counts))
