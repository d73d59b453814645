"""Events published by the experiments service."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shared.contracts.base import Contract


class ExperimentPlanned(Contract):
    event_type = "experiment_planned"

    experiment_id: str
    idea_id: str | None
    title: str
    hypothesis: str
    owner_id: str
    member_ids: list[str]
    previous_experiment_id: str | None = None  # a follow-up of an ADAPT decision


class ExperimentStarted(Contract):
    event_type = "experiment_started"

    experiment_id: str
    idea_id: str | None
    title: str
    started_at: str


class MeasurementRecorded(Contract):
    event_type = "measurement_recorded"

    experiment_id: str
    measurement_id: str
    value: float  # numerator / denominator for a PROPORTION or RATE
    numerator: float | None = None
    denominator: float | None = None
    at: str
    corrected_from: float | None = None  # the value before, when this corrects one
    recorded_by: str | None = None


class Effect(BaseModel):
    """Embedded in experiment_concluded; never published on its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    absolute: float | None
    relative: float | None
    toward_target: float | None
    improved: bool | None


class ExperimentConcluded(Contract):
    event_type = "experiment_concluded"

    experiment_id: str
    idea_id: str | None
    title: str
    hypothesis: str
    decision: str  # ADOPT | ADAPT | ABANDON
    learnings: str
    where_else: str | None = None
    effect: Effect | None = None
    owner_id: str
    member_ids: list[str]
    concluded_at: str
    follow_up_id: str | None = None  # the experiment an ADAPT decision spawned


class RunChartSignalled(Contract):
    """A measurement made the run chart show signals it did not show before."""

    event_type = "run_chart_signalled"

    experiment_id: str
    title: str
    owner_id: str
    member_ids: list[str]
    kinds: list[str]  # SHIFT | TREND | TOO_FEW_RUNS | TOO_MANY_RUNS | ASTRONOMICAL | LONG_RUN |
    # FEW_CROSSINGS | OUTSIDE_LIMITS | TWO_OF_THREE, under the experiment's rule set
    descriptions: list[str]
    recorded_by: str
