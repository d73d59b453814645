"""What an experiment measures: the metric, the run chart and its signals, the effect."""
from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.experiments.enums import MetricDirection, SignalKind
from gateway.iso import moment


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
            points=[RunChartPoint(at=moment(p["at"]), value=p["value"], note=p["note"],
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
