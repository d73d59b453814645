"""GraphQL inputs of experiments; each turns itself into the plain dict the experiments
service takes (snake_case keys, ISO dates, enum values)."""
from __future__ import annotations

from datetime import date

import strawberry

from gateway.experiments.enums import ExperimentStage, MetricDirection, MetricKind, RuleSet


@strawberry.input
class ExperimentFilter:
    stage: ExperimentStage | None = None
    idea_id: strawberry.ID | None = None
    member_id: strawberry.ID | None = None

    def to_dict(self) -> dict:
        return {"stage": self.stage.value if self.stage else None, "idea_id": self.idea_id,
                "member_id": self.member_id}


@strawberry.input
class MetricInput:
    name: str
    direction: MetricDirection
    baseline: float
    target: float
    unit: str = ""
    kind: MetricKind = strawberry.field(
        default=MetricKind.MEASURE, description="A PROPORTION's baseline and target are "
                                                "fractions (0.2 is 20 %).")

    def to_dict(self) -> dict:
        return {"name": self.name, "unit": self.unit, "direction": self.direction.value,
                "baseline": self.baseline, "target": self.target, "kind": self.kind.value}


@strawberry.input
class PlanExperimentInput:
    title: str
    hypothesis: str
    metric: MetricInput
    starts_on: date
    ends_on: date
    member_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Besides you: you own the experiment.")
    idea_id: strawberry.ID | None = None
    previous_experiment_id: strawberry.ID | None = strawberry.field(
        default=None, description="Follows up an experiment concluded with ADAPT.")
    rules: RuleSet | None = strawberry.field(
        default=None, description="The rule set its chart is read with; the organisation's "
                                  "default (IHI out of the box) when left out.")

    def to_dict(self) -> dict:
        return {"title": self.title, "hypothesis": self.hypothesis,
                "metric": self.metric.to_dict(), "starts_on": self.starts_on.isoformat(),
                "ends_on": self.ends_on.isoformat(), "member_ids": list(self.member_ids),
                "idea_id": self.idea_id, "previous_experiment_id": self.previous_experiment_id,
                "rules": self.rules.value if self.rules else None}


@strawberry.input(description="The next experiment of an ADAPT decision; the idea, metric "
                              "and members default to the concluded experiment's.")
class FollowUpExperimentInput:
    title: str
    hypothesis: str
    starts_on: date
    ends_on: date
    metric: MetricInput | None = None
    member_ids: list[strawberry.ID] | None = None

    def to_dict(self) -> dict:
        return {"title": self.title, "hypothesis": self.hypothesis,
                "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat(),
                "metric": self.metric.to_dict() if self.metric else None,
                "member_ids": list(self.member_ids) if self.member_ids is not None else None}
