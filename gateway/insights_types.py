"""GraphQL types of insights: similar ideas, themes, recommendations, prior experiments.
Ideas, opportunities, people and experiments are the owning domains' types, loaded through
this request's DataLoaders (one batched call per kind)."""
from __future__ import annotations

import strawberry
from strawberry.types import Info

from gateway.career_nodes import Opportunity, load_opportunity
from gateway.context import Context
from gateway.experiments_node import Experiment, experiments_loader
from gateway.experiments_types import ExperimentDecision
from gateway.ideas_node import Idea
from gateway.ideas_types import ideas_loader
from gateway.people import Person
from shared.settings import deployed_services


async def load_ideas(info: Info[Context, None], ids: list[str]) -> list[Idea]:
    dtos = await ideas_loader(info).load_many(ids)
    return [Idea.from_dto(d) for d in dtos if d]


@strawberry.type
class SimilarIdea:
    score: float = strawberry.field(description="Cosine similarity, 0 to 1.")
    possible_duplicate: bool = strawberry.field(
        description="Similar enough that it probably says the same thing.")
    idea_id: strawberry.Private[str]

    @strawberry.field
    async def idea(self, info: Info[Context, None]) -> Idea | None:
        dto = await ideas_loader(info).load(self.idea_id)
        return Idea.from_dto(dto) if dto else None


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

    @strawberry.field(description="Closest to the theme's centre first.")
    async def ideas(self, info: Info[Context, None], first: int = 10) -> list[Idea]:
        return await load_ideas(info, self.idea_ids[:max(0, first)])

    @strawberry.field(description="The idea closest to the theme's centre.")
    async def representative_idea(self, info: Info[Context, None]) -> Idea | None:
        found = await load_ideas(info, [self.representative_id] if self.representative_id
                                 else [])
        return found[0] if found else None

    @classmethod
    def from_dto(cls, dto: dict) -> Theme:
        return cls(id=strawberry.ID(dto["id"]), label=dto["label"], keywords=dto["keywords"],
                   size=dto["size"], trend=ThemeTrend(**dto["trend"]),
                   reflection_count=dto["reflection_count"],
                   learning_count=dto["learning_count"], unaddressed=dto["unaddressed"],
                   idea_ids=dto["idea_ids"], representative_id=dto["representative_idea_id"])


async def load_theme(info: Info[Context, None], idea_id: str) -> Theme | None:
    """Idea.theme: one theme_of_ideas call per request; null where insights is not deployed."""
    if "insights" not in deployed_services():
        return None
    dto = await info.context.loader("idea_themes", "insights", "theme_of_ideas").load(idea_id)
    return Theme.from_dto(dto) if dto else None


@strawberry.type(description="An opportunity for you, with why.")
class RecommendedOpportunity:
    score: float = strawberry.field(description="0 to 1; the last reason shows the sum.")
    reasons: list[str]
    matched_skills: list[str]
    missing_skills: list[str] = strawberry.field(
        description="Asked for and not held (or below the level asked).")
    opportunity_id: strawberry.Private[str]
    mentor_dtos: strawberry.Private[list[dict]]

    @strawberry.field
    async def opportunity(self, info: Info[Context, None]) -> Opportunity | None:
        return await load_opportunity(info, self.opportunity_id)

    @strawberry.field(description="People offering mentoring in the missing skills.")
    async def mentors(self, info: Info[Context, None]) -> list[Person]:
        dtos = await info.context.loader("people", "career", "get_people").load_many(
            [m["id"] for m in self.mentor_dtos])
        return [Person.from_dto(d) for d in dtos if d]

    @classmethod
    def from_dto(cls, dto: dict) -> RecommendedOpportunity:
        return cls(score=dto["score"], reasons=dto["reasons"],
                   matched_skills=dto["matched_skills"], missing_skills=dto["missing_skills"],
                   opportunity_id=dto["opportunity_id"], mentor_dtos=dto["mentors"])


@strawberry.type(description="A concluded experiment like the hypothesis, and what it taught.")
class SimilarExperiment:
    score: float
    decision: ExperimentDecision | None
    learnings: str
    experiment_id: strawberry.Private[str]

    @strawberry.field
    async def experiment(self, info: Info[Context, None]) -> Experiment | None:
        dto = await experiments_loader(info).load(self.experiment_id)
        return Experiment.from_dto(dto) if dto else None


@strawberry.type
class ReclusterResult:
    themes: int
    kept: int = strawberry.field(description="Themes that kept their id.")
    pooled: int = strawberry.field(description="Ideas and reflections left in no theme.")
