"""The Experiment type. Related data resolves through per-request DataLoaders, so a page of
experiments costs one batched RPC per related field, whatever its size."""
from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from gateway.context import Context
from gateway.experiments_types import (
    ExperimentDecision,
    ExperimentEffect,
    ExperimentStage,
    ExperimentStageChange,
    MeasurementCorrection,
    Metric,
    RunChart,
)
from gateway.ideas_node import Idea
from gateway.ideas_types import ideas_loader
from gateway.people import Person, load_person


def experiments_loader(info: Info[Context, None], name: str = "experiments",
                       method: str = "get_experiments") -> DataLoader:
    return info.context.loader(name, "experiments", method)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@strawberry.type(description="A measured PDCA experiment: a hypothesis, a metric, a run chart "
                             "that tells signals from noise, and the decision it led to.")
class Experiment:
    id: strawberry.ID
    title: str
    hypothesis: str
    stage: ExperimentStage
    metric: Metric
    run_chart: RunChart
    effect: ExperimentEffect
    decision: ExperimentDecision | None
    learnings: str | None
    where_else: str | None = strawberry.field(
        description="Where else the learnings could apply.")
    starts_on: date
    ends_on: date
    created_at: datetime
    started_at: datetime | None
    studied_at: datetime | None
    concluded_at: datetime | None
    history: list[ExperimentStageChange] = strawberry.field(
        description="Every stage change, oldest first.")
    idea_id: strawberry.Private[str | None]
    owner_id: strawberry.Private[str]
    member_ids: strawberry.Private[list[str]]
    previous_id: strawberry.Private[str | None]
    follow_up_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def idea(self, info: Info[Context, None]) -> Idea | None:
        if not self.idea_id:
            return None
        dto = await ideas_loader(info).load(self.idea_id)
        return Idea.from_dto(dto) if dto else None

    @strawberry.field
    async def owner(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.owner_id)

    @strawberry.field(description="The owner first.")
    async def members(self, info: Info[Context, None]) -> list[Person]:
        # load_many, not one load_person per id: every key joins the same batch
        dtos = await info.context.loader("people", "career", "get_people").load_many(
            self.member_ids)
        return [Person.from_dto(d) for d in dtos if d]

    @strawberry.field(description="Experiments planned to follow up this one (ADAPT).")
    async def follow_ups(self, info: Info[Context, None]) -> list[Experiment]:
        dtos = await experiments_loader(info).load_many(self.follow_up_ids)
        return [Experiment.from_dto(d) for d in dtos if d]

    @strawberry.field(description="The experiment this one follows up.")
    async def previous(self, info: Info[Context, None]) -> Experiment | None:
        if not self.previous_id:
            return None
        dto = await experiments_loader(info).load(self.previous_id)
        return Experiment.from_dto(dto) if dto else None

    @strawberry.field(description="Measurements recorded again with another value or note, "
                                  "oldest first.")
    async def corrections(self, info: Info[Context, None]) -> list[MeasurementCorrection]:
        dtos = await experiments_loader(info, "experiment_corrections",
                                        "get_corrections_of").load(str(self.id))
        return [MeasurementCorrection.from_dto(d) for d in dtos]

    @classmethod
    def from_dto(cls, dto: dict) -> Experiment:
        decision = dto["decision"]
        return cls(
            id=strawberry.ID(dto["id"]), title=dto["title"], hypothesis=dto["hypothesis"],
            stage=ExperimentStage(dto["stage"]), metric=Metric.from_dto(dto["metric"]),
            run_chart=RunChart.from_dto(dto["run_chart"]),
            effect=ExperimentEffect(**dto["effect"]),
            decision=ExperimentDecision(decision) if decision else None,
            learnings=dto["learnings"], where_else=dto["where_else"],
            starts_on=date.fromisoformat(dto["starts_on"]),
            ends_on=date.fromisoformat(dto["ends_on"]), created_at=_time(dto["created_at"]),
            started_at=_time(dto["started_at"]), studied_at=_time(dto["studied_at"]),
            concluded_at=_time(dto["concluded_at"]),
            history=[ExperimentStageChange.from_dto(c) for c in dto["history"]],
            idea_id=dto["idea_id"], owner_id=dto["owner_id"], member_ids=dto["member_ids"],
            previous_id=dto["previous_id"], follow_up_ids=dto["follow_up_ids"])
