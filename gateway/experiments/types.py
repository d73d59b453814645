"""The Experiment type. Related data comes from this request's loaders, so a page of
experiments costs one batched RPC per related field, whatever its size."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.experiments.audit import ExperimentStageChange, MeasurementCorrection
from gateway.experiments.enums import ExperimentDecision, ExperimentStage, RuleSet
from gateway.experiments.runchart import ExperimentEffect, Metric, RunChart
from gateway.iso import day, moment

if TYPE_CHECKING:
    from gateway.ideas.types import Idea
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type(description="A measured PDCA experiment: a hypothesis, a metric, a run chart "
                             "that tells signals from noise, and the decision it led to.")
class Experiment:
    id: strawberry.ID
    title: str
    hypothesis: str
    stage: ExperimentStage
    metric: Metric
    rules: RuleSet = strawberry.field(description="The rule set its chart is read with unless "
                                                  "runChart(rules:) asks for another.")
    chart: strawberry.Private[RunChart]
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

    @strawberry.field(description="The chart of its metric's kind, read with `rules` (the "
                                  "experiment's own when left out); `screenMovingRanges` "
                                  "leaves wild moving ranges out of NHS XmR limits; a run of "
                                  "`proposeSplitAfter` points on one side proposes a new part.")
    async def run_chart(self, info: Info, rules: RuleSet | None = None,
                        screen_moving_ranges: bool = True,
                        propose_split_after: int = 9) -> RunChart:
        if (rules is None or rules == self.rules) and screen_moving_ranges \
                and propose_split_after == 9:
            return self.chart
        key = (str(self.id), rules.value if rules else None, screen_moving_ranges,
               propose_split_after)
        return await info.context.loaders.run_charts.load(key)

    @strawberry.field
    async def idea(self, info: Info) -> Annotated[
            Idea, strawberry.lazy("gateway.ideas.types")] | None:
        return await info.context.loaders.ideas.load(self.idea_id) if self.idea_id else None

    @strawberry.field
    async def owner(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.owner_id)

    @strawberry.field(description="The owner first; null with a SERVICE_UNAVAILABLE error "
                      "while career does not answer (the experiment is still shown).")
    async def members(self, info: Info) -> list[PersonRef] | None:
        # load_many, not one load per id: every key joins the same batch
        return [p for p in await info.context.loaders.people.load_many(self.member_ids) if p]

    @strawberry.field(description="Experiments planned to follow up this one (ADAPT).")
    async def follow_ups(self, info: Info) -> list[Experiment]:
        found = await info.context.loaders.experiments.load_many(self.follow_up_ids)
        return [e for e in found if e]

    @strawberry.field(description="The experiment this one follows up.")
    async def previous(self, info: Info) -> Experiment | None:
        if not self.previous_id:
            return None
        return await info.context.loaders.experiments.load(self.previous_id)

    @strawberry.field(description="Measurements recorded again with another value or note, "
                                  "oldest first.")
    async def corrections(self, info: Info) -> list[MeasurementCorrection]:
        return await info.context.loaders.experiment_corrections.load(str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> Experiment:
        decision = dto["decision"]
        return cls(
            id=strawberry.ID(dto["id"]), title=dto["title"], hypothesis=dto["hypothesis"],
            stage=ExperimentStage(dto["stage"]), metric=Metric.from_dto(dto["metric"]),
            rules=RuleSet(dto["rules"]),
            chart=RunChart.from_dto(dto["run_chart"]),
            effect=ExperimentEffect(**dto["effect"]),
            decision=ExperimentDecision(decision) if decision else None,
            learnings=dto["learnings"], where_else=dto["where_else"],
            starts_on=day(dto["starts_on"]), ends_on=day(dto["ends_on"]),
            created_at=moment(dto["created_at"]), started_at=moment(dto["started_at"]),
            studied_at=moment(dto["studied_at"]), concluded_at=moment(dto["concluded_at"]),
            history=[ExperimentStageChange.from_dto(c) for c in dto["history"]],
            idea_id=dto["idea_id"], owner_id=dto["owner_id"], member_ids=dto["member_ids"],
            previous_id=dto["previous_id"], follow_up_ids=dto["follow_up_ids"])
