"""What an experiment measures: the metric, the run chart and its signals, the effect."""
from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.experiments.enums import (
    MetricDirection,
    MetricKind,
    PointClassification,
    RuleSet,
    SignalKind,
)
from gateway.iso import moment


@strawberry.type
class Metric:
    name: str
    unit: str
    direction: MetricDirection
    baseline: float
    target: float
    kind: MetricKind

    @classmethod
    def from_dto(cls, dto: dict) -> Metric:
        return cls(name=dto["name"], unit=dto["unit"],
                   direction=MetricDirection(dto["direction"]), baseline=dto["baseline"],
                   target=dto["target"], kind=MetricKind(dto["kind"]))


@strawberry.type
class RunChartPoint:
    at: datetime
    value: float = strawberry.field(description="For a PROPORTION or RATE: numerator / "
                                                "denominator.")
    numerator: float | None
    denominator: float | None
    note: str | None
    baseline: bool = strawberry.field(description="Part of the baseline period: recorded "
                                                  "before the experiment started, or dated "
                                                  "before its start date.")
    centre_line: float | None = strawberry.field(description="Of the part it is in.")
    lower_limit: float | None = strawberry.field(
        description="3-sigma limits at this point (p and u charts: for its denominator).")
    upper_limit: float | None
    classification: PointClassification

    @classmethod
    def from_dto(cls, p: dict) -> RunChartPoint:
        return cls(at=moment(p["at"]), value=p["value"], numerator=p["numerator"],
                   denominator=p["denominator"], note=p["note"], baseline=p["baseline"],
                   centre_line=p["centre_line"], lower_limit=p["lower_limit"],
                   upper_limit=p["upper_limit"],
                   classification=PointClassification(p["classification"]))


@strawberry.type
class RunChartSignal:
    kind: SignalKind
    rule: str = strawberry.field(description="The rule it breaks, in words.")
    from_index: int = strawberry.field(description="Index in `points`, inclusive.")
    to_index: int = strawberry.field(description="Index in `points`, inclusive.")
    description: str = strawberry.field(description="What it means, with the numbers.")


@strawberry.type(description="A stretch of the chart with its own centre line and limits, and "
                             "its runs analysis (Anhøj).")
class RunChartPart:
    from_: datetime = strawberry.field(name="from", description="Its first point's time.")
    to: datetime = strawberry.field(description="Its last point's time.")
    from_index: int = strawberry.field(description="Index in `points`, inclusive.")
    to_index: int = strawberry.field(description="Index in `points`, inclusive.")
    centre_line: float | None
    lower_limit: float | None = strawberry.field(
        description="Null when the limits follow each point's denominator.")
    upper_limit: float | None
    longest_run: int = strawberry.field(description="Points in a row on one side of the "
                                                    "centre line; those on it are skipped.")
    longest_run_limit: int | None = strawberry.field(
        description="round(log2(n) + 3) for n useful points: a longer run is a signal.")
    crossings: int
    crossings_limit: int | None = strawberry.field(
        description="Lower 5 % of Binomial(n - 1, 0.5): fewer crossings is a signal.")


@strawberry.type(description="Where the team started a new part of the chart, and why.")
class RunChartSplit:
    at: datetime
    reason: str


@strawberry.type(description="A new part the chart suggests after a long run on one side of "
                             "the centre line; it is applied only when a member splits the "
                             "chart there.")
class ProposedSplit:
    at: datetime
    from_index: int
    description: str


@strawberry.type(description="Points in time order, the centre line, the limits of the metric's "
                             "control chart and what is not noise under a rule set.")
class RunChart:
    kind: MetricKind = strawberry.field(description="Which chart: MEASURE is a run chart (IHI, "
                                                    "ANHOEJ) or an XmR chart (NHS), PROPORTION "
                                                    "a p chart, RATE a u chart, COUNT a c chart.")
    rules: RuleSet
    centre_line: float | None = strawberry.field(description="Of the last part.")
    parts: list[RunChartPart]
    splits: list[RunChartSplit] = strawberry.field(
        description="Where each part after the first starts (splitRunChart).")
    proposed_splits: list[ProposedSplit]
    median: float | None = strawberry.field(
        description="The median of the baseline period (of all points when there is none).")
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
            kind=MetricKind(dto["kind"]), rules=RuleSet(dto["rules"]),
            centre_line=dto["centre_line"],
            parts=[RunChartPart(**{k: v for k, v in p.items() if k not in ("from", "to")},
                                from_=moment(p["from"]), to=moment(p["to"]))
                   for p in dto["parts"]],
            splits=[RunChartSplit(at=moment(x["at"]), reason=x["reason"])
                    for x in dto["splits"]],
            proposed_splits=[ProposedSplit(at=moment(x["at"]), from_index=x["from_index"],
                                           description=x["description"])
                             for x in dto["proposed_splits"]],
            median=dto["median"], lower_limit=dto["lower_limit"],
            upper_limit=dto["upper_limit"], useful_observations=dto["useful_observations"],
            runs=dto["runs"],
            points=[RunChartPoint.from_dto(p) for p in dto["points"]],
            signals=[RunChartSignal(kind=SignalKind(s["kind"]), rule=s["rule"],
                                    from_index=s["from_index"], to_index=s["to_index"],
                                    description=s["description"]) for s in dto["signals"]])


@strawberry.type(description="After the baseline period vs the baseline's centre line.")
class ExperimentEffect:
    absolute: float | None
    relative: float | None = strawberry.field(description="Percent of the centre line.")
    toward_target: float | None = strawberry.field(
        description="0 at the metric's baseline, 1 when the target is reached.")
    improved: bool | None
