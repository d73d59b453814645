"""Insights in GraphQL: similar ideas while one is typed, themes, recommendations and prior
experiments. The types are in insights_types; every rule is the insights service's."""
from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.career_nodes import Opportunity, load_opportunity
from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.experiments_types import ExperimentDecision
from gateway.insights_types import (
    ReclusterResult,
    RecommendedOpportunity,
    SimilarExperiment,
    SimilarIdea,
    Theme,
)
from shared.errors import DomainError

NotInterestedResult = Annotated[
    Opportunity | ValidationError | NotFoundError | PermissionDeniedError,
    strawberry.union("NotInterestedResult")]
ReclusterThemesResult = Annotated[
    ReclusterResult | PermissionDeniedError, strawberry.union("ReclusterThemesResult")]


@strawberry.type
class InsightsQuery:
    @strawberry.field(description="Ideas like this text (merged ones never), most similar "
                                  "first: the portal asks while an idea is typed.")
    async def similar_ideas(self, info: Info[Context, None], text: str,
                            first: int | None = 5) -> list[SimilarIdea]:
        found = await info.context.query("insights", "similar_ideas", text,
                                         first=5 if first is None else first)
        return [SimilarIdea(score=f["score"], possible_duplicate=f["possible_duplicate"],
                            idea_id=f["idea_id"]) for f in found]

    @strawberry.field(description="Largest first, then the most reflected on.")
    async def themes(self, info: Info[Context, None], first: int = 10,
                     unaddressed: bool | None = None) -> list[Theme]:
        found = await info.context.query("insights", "themes", first=first,
                                         unaddressed=unaddressed)
        return [Theme.from_dto(d) for d in found]

    @strawberry.field(description="One theme; null for an unknown id or a theme that has "
                                  "no live idea or shared reflection left.")
    async def theme(self, info: Info[Context, None], id: strawberry.ID) -> Theme | None:
        found = await info.context.query("insights", "theme", str(id))
        return Theme.from_dto(found) if found else None

    @strawberry.field(description="For the signed-in person only, best first; never closed, "
                                  "own, applied-for or dismissed ones.")
    async def recommended_opportunities(self, info: Info[Context, None],
                                        first: int | None = 10) -> list[RecommendedOpportunity]:
        found = await info.context.query("insights", "recommended_opportunities",
                                         first=10 if first is None else first)
        return [RecommendedOpportunity.from_dto(d) for d in found]

    @strawberry.field(description="Concluded experiments with a similar hypothesis: what was "
                                  "tried, decided and learnt.")
    async def similar_experiments(self, info: Info[Context, None], hypothesis: str,
                                  first: int = 5) -> list[SimilarExperiment]:
        found = await info.context.query("insights", "similar_experiments", hypothesis,
                                         first=first)
        return [SimilarExperiment(score=f["score"], decision=ExperimentDecision(f["decision"])
                                  if f["decision"] else None,
                                  learnings=f["learnings"], experiment_id=f["experiment_id"])
                for f in found]


@strawberry.type
class InsightsMutation:
    @strawberry.mutation(description="Never recommend this to me again; rank similar ones "
                                     "lower.")
    async def not_interested(self, info: Info[Context, None],
                             opportunity_id: strawberry.ID) -> NotInterestedResult:
        if info.context.identity is None:
            return PermissionDeniedError(message=SIGN_IN_FIRST)
        try:
            await info.context.command("insights", "not_interested", str(opportunity_id))
        except DomainError as exc:
            return user_error(exc)
        found = await load_opportunity(info, str(opportunity_id))
        return found or NotFoundError(message="no such opportunity")

    @strawberry.mutation(description="Reviewers: re-cluster every idea now; themes keep their "
                                     "ids where the clusters overlap.")
    async def recluster_themes(self, info: Info[Context, None]) -> ReclusterThemesResult:
        if info.context.identity is None:
            return PermissionDeniedError(message=SIGN_IN_FIRST)
        try:
            result = await info.context.command("insights", "recluster")
        except DomainError as exc:
            return user_error(exc)
        return ReclusterResult(**result)
