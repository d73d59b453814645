"""Insights reads: similar ideas while one is typed, themes, recommendations and prior
experiments. Every rule is the insights service's."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.experiments.enums import ExperimentDecision
from gateway.insights.types import (
    RecommendedOpportunity,
    SimilarExperiment,
    SimilarIdea,
    Theme,
    ThemeArea,
)


@strawberry.type
class InsightsQuery:
    @strawberry.field(description="Ideas like this text (merged ones never), most similar "
                                  "first: the portal asks while an idea is typed.",
                      permission_classes=[IsSignedIn])
    async def similar_ideas(self, info: Info, text: str,
                            first: int | None = 5) -> list[SimilarIdea]:
        found = await info.context.query("insights", "similar_ideas", text,
                                         first=5 if first is None else first)
        return [SimilarIdea(score=f["score"], possible_duplicate=f["possible_duplicate"],
                            idea_id=f["idea_id"]) for f in found]

    @strawberry.field(description="Largest first, then the most reflected on.",
                      permission_classes=[IsSignedIn])
    async def themes(self, info: Info, first: int = 10,
                     unaddressed: bool | None = None) -> list[Theme]:
        found = await info.context.query("insights", "themes", first=first,
                                         unaddressed=unaddressed)
        return [Theme.from_dto(d) for d in found]

    @strawberry.field(description="Broad areas that open into their themes, for the "
                                  "overview: the areas with the most live ideas first.",
                      permission_classes=[IsSignedIn])
    async def theme_areas(self, info: Info, first: int = 20) -> list[ThemeArea]:
        found = await info.context.query("insights", "theme_areas", first=first, themes_first=100)
        return [ThemeArea.from_dto(d) for d in found]

    @strawberry.field(description="One theme; null for an unknown id or a theme that has "
                                  "no live idea or shared reflection left.",
                      permission_classes=[IsSignedIn])
    async def theme(self, info: Info, id: strawberry.ID) -> Theme | None:
        found = await info.context.query("insights", "theme", str(id))
        return Theme.from_dto(found) if found else None

    @strawberry.field(description="For the signed-in person only, best first; never closed, "
                                  "own, applied-for or dismissed ones.",
                      permission_classes=[IsSignedIn])
    async def recommended_opportunities(self, info: Info,
                                        first: int | None = 10) -> list[RecommendedOpportunity]:
        found = await info.context.query("insights", "recommended_opportunities",
                                         first=10 if first is None else first)
        return [RecommendedOpportunity.from_dto(d) for d in found]

    @strawberry.field(description="Concluded experiments with a similar hypothesis: what was "
                                  "tried, decided and learnt.", permission_classes=[IsSignedIn])
    async def similar_experiments(self, info: Info, hypothesis: str,
                                  first: int = 5) -> list[SimilarExperiment]:
        found = await info.context.query("insights", "similar_experiments", hypothesis,
                                         first=first)
        return [SimilarExperiment(score=f["score"], decision=ExperimentDecision(f["decision"])
                                  if f["decision"] else None,
                                  learnings=f["learnings"], experiment_id=f["experiment_id"])
                for f in found]
