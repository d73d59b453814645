"""GraphQL types of experiments other than the Experiment itself: enums, the metric, the run
chart and its signals, the effect and corrections. The inputs are in experiments_inputs."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import UserError
from gateway.people import Person, load_person


@strawberry.enum(description="PDCA: PLAN → DO → STUDY → ACT → CONCLUDED. ACT is where the "
                             "decision is made; concludeExperiment passes through it.")
class ExperimentStage(Enum):
    PLAN = "PLAN"
    DO = "DO"
    STUDY = "STUDY"
    ACT = "ACT"
    CONCLUDED = "CONCLUDED"


@strawberry.enum
class ExperimentDecision(Enum):
    ADOPT = "ADOPT"
    ADAPT = "ADAPT"
    ABANDON = "ABANDON"


@strawberry.enum(description="Which way the metric should move for the change to be an "
                             "improvement.")
class MetricDirection(Enum):
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"


@strawberry.enum(description="Run-chart rules (Perla, Provost & Murray, BMJ Qual Saf 2011).")
class SignalKind(Enum):
    SHIFT = "SHIFT"
    TREND = "TREND"
    TOO_FEW_RUNS = "TOO_FEW_RUNS"
    TOO_MANY_RUNS = "TOO_MANY_RUNS"
    ASTRONOMICAL = "ASTRONOMICAL"


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@strawberry.type
class Metric:
    name: str
    unit: str
    direction: MetricDirection
    baseline: float
    target: float

    @classmethod
    def from_dto(cls, dto: dict) -> Metric:
        return cls(name=dto["name"], unit=dto["unit"],
                   direction=MetricDirection(dto["direction"]), baseline=dto["baseline"],
                   target=dto["target"])


@strawberry.type
class RunChartPoint:
    at: datetime
    value: float
    note: str | None
    baseline: bool = strawberry.field(description="Part of the baseline period: recorded "
                                                  "before the experiment started, or dated "
                                                  "before its start date.")


@strawberry.type
class RunChartSignal:
    kind: SignalKind
    from_index: int = strawberry.field(description="Index in `points`, inclusive.")
    to_index: int = strawberry.field(description="Index in `points`, inclusive.")
    description: str


@strawberry.type(description="Points in time order, the centre line and what is not noise.")
class RunChart:
    median: float | None = strawberry.field(
        description="The centre line: median of the baseline period (of all points when "
                    "there is none).")
    points: list[RunChartPoint]
    signals: list[RunChartSignal]
    lower_limit: float | None = strawberry.field(
        description="Natural process limits of the baseline (XmR chart).")
    upper_limit: float | None
    useful_observations: int = strawberry.field(description="Points not on the median.")
    runs: int

    @classmethod
    def from_dto(cls, dto: dict) -> RunChart:
        return cls(
            median=dto["median"], lower_limit=dto["lower_limit"],
            upper_limit=dto["upper_limit"], useful_observations=dto["useful_observations"],
            runs=dto["runs"],
            points=[RunChartPoint(at=_time(p["at"]), value=p["value"], note=p["note"],
                                  baseline=p["baseline"]) for p in dto["points"]],
            signals=[RunChartSignal(kind=SignalKind(s["kind"]), from_index=s["from_index"],
                                    to_index=s["to_index"], description=s["description"])
                     for s in dto["signals"]])


@strawberry.type(description="After the baseline period vs the baseline's centre line.")
class ExperimentEffect:
    absolute: float | None
    relative: float | None = strawberry.field(description="Percent of the centre line.")
    toward_target: float | None = strawberry.field(
        description="0 at the metric's baseline, 1 when the target is reached.")
    improved: bool | None


@strawberry.type(description="One step of an experiment through PDCA.")
class ExperimentStageChange:
    from_stage: ExperimentStage | None = strawberry.field(name="from")
    to: ExperimentStage
    at: datetime
    changed_by: strawberry.Private[str]

    @strawberry.field
    async def by(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.changed_by)

    @classmethod
    def from_dto(cls, dto: dict) -> ExperimentStageChange:
        previous = dto["from_stage"]
        return cls(from_stage=ExperimentStage(previous) if previous else None,
                   to=ExperimentStage(dto["to_stage"]), at=_time(dto["changed_at"]),
                   changed_by=dto["changed_by"])


@strawberry.type(description="A measurement recorded again at the same time with another "
                             "value or note: the audit trail.")
class MeasurementCorrection:
    at: datetime
    old_value: float
    new_value: float
    old_note: str | None
    new_note: str | None
    corrected_at: datetime
    corrected_by: strawberry.Private[str]

    @strawberry.field
    async def by(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.corrected_by)

    @classmethod
    def from_dto(cls, dto: dict) -> MeasurementCorrection:
        return cls(at=_time(dto["at"]), old_value=dto["old_value"], new_value=dto["new_value"],
                   old_note=dto["old_note"], new_note=dto["new_note"],
                   corrected_at=_time(dto["corrected_at"]), corrected_by=dto["corrected_by"])


@strawberry.type
class CsvRowError:
    row: int = strawberry.field(description="Line number in the CSV, from 1.")
    field: str
    message: str


@strawberry.type(description="Some rows of the CSV are bad; nothing was imported.")
class MeasurementImportError(UserError):
    rows: list[CsvRowError]
