"""GraphQL types of insights: similar ideas, themes, recommendations, prior experiments.
Ideas, opportunities, people and experiments are the owning domains' types, from this
request's loaders (one batched call per kind)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info

if TYPE_CHECKING:
    from gateway.career.types import Opportunity
    from gateway.experiments.enums import ExperimentDecision
    from gateway.experiments.types import Experiment
    from gateway.ideas.types import Idea
    from gateway.people.types import Person

IdeaRef = Annotated["Idea", strawberry.lazy("gateway.ideas.types")]


@strawberry.type
class SimilarIdea:
    score: float = strawberry.field(description="Cosine similarity, 0 to 1 (the ranking).")
    possible_duplicate: bool = strawberry.field(
        description="Probably says the same thing: the model's duplicate score (cosine and "
                    "word-by-word alignment) of the best few hits; never merged automatically.")
    idea_id: strawberry.Private[str]

    @strawberry.field
    async def idea(self, info: Info) -> IdeaRef | None:
        return await info.context.loaders.ideas.load(self.idea_id)


@strawberry.type(description="A suggested duplicate the viewer said is not the same idea.")
class NotDuplicate:
    score: float = strawberry.field(description="The model's cosine of the draft and the idea.")
    idea_id: strawberry.Private[str]

    @strawberry.field
    async def idea(self, info: Info) -> IdeaRef | None:
        return await info.context.loaders.ideas.load(self.idea_id)


@strawberry.type
class ThemeTrend:
    last_30_days: int = strawberry.field(name="last30Days")
    previous_30_days: int = strawberry.field(name="previous30Days")


@strawberry.type(description="Ideas that say similar things; the id survives re-clustering.")
class Theme:
    id: strawberry.ID
    label: str
    keywords: list[str]
    size: int = strawberry.field(description="Live ideas in it.")
    trend: ThemeTrend = strawberry.field(description="New ideas in it, per 30 days.")
    reflection_count: int = strawberry.field(description="Shared reflections that fall in it.")
    learning_count: int = strawberry.field(
        description="Concluded experiments with learnings that fall in it.")
    unaddressed: bool = strawberry.field(
        description="People reflect on it but no live idea addresses it yet.")
    idea_ids: strawberry.Private[list[str]]
    representative_id: strawberry.Private[str | None]
    area_id: strawberry.Private[str | None] = None

    @strawberry.field(description="The broad area it belongs to; null until the next "
                      "clustering forms areas.")
    async def area(self, info: Info) -> ThemeArea | None:
        if not self.area_id:
            return None
        return await info.context.loaders.theme_areas.load(self.area_id)

    @strawberry.field(description="Closest to the theme's centre first; null with a "
                      "SERVICE_UNAVAILABLE error while ideas does not answer.")
    async def ideas(self, info: Info, first: int = 10) -> list[IdeaRef] | None:
        found = await info.context.loaders.ideas.load_many(self.idea_ids[:max(0, first)])
        return [i for i in found if i]

    @strawberry.field(description="The idea closest to the theme's centre.")
    async def representative_idea(self, info: Info) -> IdeaRef | None:
        if not self.representative_id:
            return None
        return await info.context.loaders.ideas.load(self.representative_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Theme:
        return cls(id=strawberry.ID(dto["id"]), label=dto["label"], keywords=dto["keywords"],
                   size=dto["size"], trend=ThemeTrend(**dto["trend"]),
                   reflection_count=dto["reflection_count"],
                   learning_count=dto["learning_count"], unaddressed=dto["unaddressed"],
                   idea_ids=dto["idea_ids"], representative_id=dto["representative_idea_id"],
                   area_id=dto.get("area_id"))


@strawberry.type(description="A broad area of related themes, for the overview; the id "
                             "survives re-clustering.")
class ThemeArea:
    id: strawberry.ID
    label: str
    keywords: list[str]
    size: int = strawberry.field(description="Live ideas in its themes.")
    theme_count: int = strawberry.field(description="Its themes that are shown.")
    theme_dtos: strawberry.Private[list[dict]]

    @strawberry.field(description="Its themes, largest first (at most 100).")
    def themes(self, first: int = 50) -> list[Theme]:
        return [Theme.from_dto(d) for d in self.theme_dtos[:max(0, first)]]

    @classmethod
    def from_dto(cls, dto: dict) -> ThemeArea:
        return cls(id=strawberry.ID(dto["id"]), label=dto["label"], keywords=dto["keywords"],
                   size=dto["size"], theme_count=dto["theme_count"], theme_dtos=dto["themes"])


@strawberry.type(description="An opportunity for you, with why.")
class RecommendedOpportunity:
    score: float = strawberry.field(description="0 to 1; the last detail shows the sum.")
    reasons: list[str] = strawberry.field(
        description="Why, in sentences: what matched, what is missing, who can help.")
    details: list[str] = strawberry.field(
        description="The numbers behind the reasons (similarity, coverage, the score's sum).")
    matched_skills: list[str]
    missing_skills: list[str] = strawberry.field(
        description="Asked for and not held (or below the level asked).")
    opportunity_id: strawberry.Private[str]
    mentor_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def opportunity(self, info: Info) -> Annotated[
            Opportunity, strawberry.lazy("gateway.career.types")] | None:
        return await info.context.loaders.opportunities.load(self.opportunity_id)

    @strawberry.field(description="People offering mentoring in the missing skills.")
    async def mentors(self, info: Info) -> list[Annotated[
            Person, strawberry.lazy("gateway.people.types")]]:
        return [p for p in await info.context.loaders.people.load_many(self.mentor_ids) if p]

    @classmethod
    def from_dto(cls, dto: dict) -> RecommendedOpportunity:
        return cls(score=dto["score"], reasons=dto["reasons"], details=dto["details"],
                   matched_skills=dto["matched_skills"], missing_skills=dto["missing_skills"],
                   opportunity_id=dto["opportunity_id"],
                   mentor_ids=[m["id"] for m in dto["mentors"]])


@strawberry.type(description="A concluded experiment like the hypothesis, and what it taught.")
class SimilarExperiment:
    score: float
    decision: Annotated[ExperimentDecision, strawberry.lazy("gateway.experiments.enums")] | None
    learnings: str
    experiment_id: strawberry.Private[str]

    @strawberry.field
    async def experiment(self, info: Info) -> Annotated[
            Experiment, strawberry.lazy("gateway.experiments.types")] | None:
        return await info.context.loaders.experiments.load(self.experiment_id)


@strawberry.type
class ReclusterResult:
    themes: int
    kept: int = strawberry.field(description="Themes that kept their id.")
    pooled: int = strawberry.field(description="Ideas and reflections left in no theme.")
