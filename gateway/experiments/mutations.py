"""Experiments changes. Each answers its success type or a typed user error; every rule
(stages, who may, what is valid) is the experiments service's."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import ConflictError, NotFoundError, Refused, ValidationError
from gateway.experiments.enums import ExperimentDecision, RuleSet
from gateway.experiments.imports import (
    MeasurementImportError,
    MeasurementsImported,
    import_refusal,
)
from gateway.experiments.inputs import FollowUpExperimentInput, PlanExperimentInput
from gateway.experiments.types import Experiment

Errors = ValidationError | NotFoundError | Refused | ConflictError
ExperimentResult = Annotated[Experiment | Errors, strawberry.union("ExperimentResult")]


@strawberry.type(description="The organisation's default rule set, changed.")
class DefaultRuleSetChanged:
    rules: RuleSet


DefaultRuleSetResult = Annotated[DefaultRuleSetChanged | ValidationError | Refused,
                                 strawberry.union("DefaultRuleSetResult")]
ImportMeasurementsResult = Annotated[MeasurementsImported | MeasurementImportError | Errors,
                                     strawberry.union("ImportMeasurementsResult")]


@strawberry.type
class ExperimentsMutation:
    @strawberry.mutation(description="You own the experiment and are its first member.",
                         permission_classes=[IsSignedIn])
    async def plan_experiment(self, info: Info, input: PlanExperimentInput) -> ExperimentResult:
        return await info.context.result("experiments", "plan_experiment", input.to_dict(),
                                         to=Experiment.from_dto)

    @strawberry.mutation(description="PLAN → DO; members (or a manager).",
                         permission_classes=[IsSignedIn])
    async def start_experiment(self, info: Info, id: strawberry.ID) -> ExperimentResult:
        return await info.context.result("experiments", "start_experiment", str(id),
                                         to=Experiment.from_dto)

    @strawberry.mutation(description="DO → STUDY; members (or a manager).",
                         permission_classes=[IsSignedIn])
    async def study_experiment(self, info: Info, id: strawberry.ID) -> ExperimentResult:
        return await info.context.result("experiments", "study_experiment", str(id),
                                         to=Experiment.from_dto)

    @strawberry.mutation(description="STUDY → ACT → CONCLUDED with the decision; only the "
                                     "owner or a manager. ADAPT may plan a follow-up.",
                         permission_classes=[IsSignedIn])
    async def conclude_experiment(self, info: Info, id: strawberry.ID,
                                  decision: ExperimentDecision, learnings: str,
                                  where_else: str | None = None,
                                  follow_up: FollowUpExperimentInput | None = None,
                                  ) -> ExperimentResult:
        return await info.context.result(
            "experiments", "conclude_experiment", str(id), decision.value, learnings,
            where_else, follow_up.to_dict() if follow_up else None, to=Experiment.from_dto)

    @strawberry.mutation(description="Members only. A value for a MEASURE or COUNT metric, "
                                     "numerator and denominator for a PROPORTION or RATE. "
                                     "The same time again: no change with the same value, a "
                                     "correction (kept) with another.",
                         permission_classes=[IsSignedIn])
    async def record_measurement(self, info: Info, experiment_id: strawberry.ID, at: datetime,
                                 value: float | None = None, note: str | None = None,
                                 numerator: float | None = None,
                                 denominator: float | None = None) -> ExperimentResult:
        return await info.context.result("experiments", "record_measurement",
                                         str(experiment_id), value, at.isoformat(), note,
                                         numerator, denominator, to=Experiment.from_dto)

    @strawberry.mutation(description="Members only. CSV rows of at,value[,note] (PROPORTION "
                                     "and RATE: at,numerator,denominator[,note]); all or "
                                     "nothing.", permission_classes=[IsSignedIn])
    async def import_measurements(self, info: Info, experiment_id: strawberry.ID,
                                  csv: str) -> ImportMeasurementsResult:
        return await info.context.result("experiments", "import_measurements",
                                         str(experiment_id), csv,
                                         to=MeasurementsImported.from_dto, refuse=import_refusal)

    @strawberry.mutation(description="Members (or a manager): the points from `at` on start a "
                                     "new part of the chart with its own centre line and "
                                     "limits, e.g. after a sustained shift. The reason is "
                                     "shown with the chart.", permission_classes=[IsSignedIn])
    async def split_run_chart(self, info: Info, experiment_id: strawberry.ID, at: datetime,
                              reason: str) -> ExperimentResult:
        return await info.context.result("experiments", "split_run_chart", str(experiment_id),
                                         at.isoformat(), reason, to=Experiment.from_dto)

    @strawberry.mutation(description="Members (or a manager): the part starting at `at` joins "
                                     "the one before it again.",
                         permission_classes=[IsSignedIn])
    async def remove_run_chart_split(self, info: Info, experiment_id: strawberry.ID,
                                     at: datetime) -> ExperimentResult:
        return await info.context.result("experiments", "remove_run_chart_split",
                                         str(experiment_id), at.isoformat(),
                                         to=Experiment.from_dto)

    @strawberry.mutation(description="Admins only: the rule set experiments planned from now "
                                     "on read their charts with when they name none.",
                         permission_classes=[IsSignedIn])
    async def set_default_rule_set(self, info: Info, rules: RuleSet) -> DefaultRuleSetResult:
        return await info.context.result(
            "experiments", "set_default_rules", rules.value,
            to=lambda answer: DefaultRuleSetChanged(rules=RuleSet(answer["default_rules"])))
