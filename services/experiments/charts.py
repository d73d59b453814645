"""The chart of an experiment under a rule set: its kind's control limits (limits.py), the
rules of the set (runchart.py for IHI, anhoej.py, nhs.py) read over each part, and every
point classified. Pure: plain values in, a frozen Chart out.

The centre line of a part is fitted to its reference points (the baseline period in the
first part, when there is one; a part started by a split is its own reference). A MEASURE
metric read with IHI or ANHOEJ is a run chart: its centre line is the median, its limits
those of the baseline's XmR chart (exactly today's run chart under IHI). NHS reads a MEASURE
metric as an XmR chart around the mean. PROPORTION, RATE and COUNT are p, u and c charts
around their (weighted) mean under every rule set.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from services.experiments import anhoej, limits, nhs, runchart
from services.experiments.limits import Band, Sample
from services.experiments.runchart import Signal

COMMON = "COMMON_CAUSE"
IMPROVEMENT = "SPECIAL_CAUSE_IMPROVEMENT"
CONCERN = "SPECIAL_CAUSE_CONCERN"
# signals about single points or stretches of them; the others are about a whole part
POINTWISE = frozenset({runchart.SHIFT, runchart.TREND, runchart.ASTRONOMICAL, anhoej.LONG_RUN,
                       anhoej.OUTSIDE_LIMITS, nhs.TWO_OF_THREE})


@dataclass(frozen=True)
class Reading:
    """A measurement as the chart needs it."""

    at: datetime
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = None
    baseline: bool = False

    def sample(self) -> Sample:
        return Sample(self.value, self.numerator, self.denominator)


@dataclass(frozen=True)
class ChartPoint:
    reading: Reading
    centre_line: float | None
    lower_limit: float | None
    upper_limit: float | None
    classification: str


@dataclass(frozen=True)
class Part:
    from_index: int
    to_index: int
    centre_line: float | None
    lower_limit: float | None  # None when the limits follow each point's denominator
    upper_limit: float | None
    longest_run: int
    longest_run_limit: int | None
    crossings: int
    crossings_limit: int | None


@dataclass(frozen=True)
class Proposal:
    """A new part the chart suggests (never applies): where a long run on one side of the
    last part's centre line begins."""

    from_index: int
    at: datetime
    description: str


@dataclass(frozen=True)
class Chart:
    kind: str
    rules: str
    centre_line: float | None  # of the last part: where the process is now
    parts: tuple[Part, ...]
    points: tuple[ChartPoint, ...]
    signals: tuple[Signal, ...]
    proposals: tuple[Proposal, ...] = ()


PROPOSE_AFTER = 9  # runcharter's default run length for re-baselining


def proposals(fitted: Fitted, run_length: int) -> list[Proposal]:
    """The first run of `run_length` or more useful points on one side of the part's centre
    line that begins after the part's first point (as runcharter looks for one)."""
    if fitted.centre is None:
        return []
    values = [r.value for r in fitted.readings]
    for side, count, first, _last in runchart._side_blocks(values, fitted.centre):
        if count >= run_length and first > 0:
            start = fitted.readings[first]
            where = "above" if side > 0 else "below"
            return [Proposal(fitted.start + first, start.at, (
                f"{count} points in a row {where} the centre line "
                f"({runchart._fmt(fitted.centre)}) since {start.at.date().isoformat()}: the "
                "process may have moved. Split the chart there to give the new level its own "
                "centre line and limits."))]
    return []


@dataclass(frozen=True)
class Fitted:
    """One part fitted: the centre line, the band of limits and its readings."""

    start: int
    readings: tuple[Reading, ...]
    centre: float | None
    band: Band | None

    def limits(self, i: int, width: float = 3) -> tuple[float | None, float | None]:
        return self.band.limits(i, width) if self.band else (None, None)


def _fit(kind: str, rules: str, start: int, readings: Sequence[Reading], first: bool,
         screen: bool) -> Fitted:
    reference = [r for r in readings if r.baseline] if first else []
    reference = reference or list(readings)
    samples = [r.sample() for r in readings]
    run_like = kind == "MEASURE" and rules != "NHS"
    band = limits.band(kind, [r.sample() for r in reference], samples,
                       screen=screen and rules == "NHS")
    if run_like:
        centre = runchart.median_of([r.value for r in reference])
    else:
        centre = band.centre if band else runchart.median_of([r.value for r in reference])
    return Fitted(start, tuple(readings), centre, band)


def _parts(readings: Sequence[Reading], splits: Sequence[int]) -> list[tuple[int, int]]:
    edges = [0, *sorted(s for s in set(splits) if 0 < s < len(readings)), len(readings)]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _signals(rules: str, kind: str, fitted: Fitted) -> list[Signal]:
    values = [r.value for r in fitted.readings]
    if fitted.centre is None:
        return []
    if rules == "ANHOEJ":
        found = anhoej.signals(values, fitted.centre, fitted.limits)
    elif rules == "NHS":
        found = nhs.signals(values, fitted.centre, fitted.limits)
    elif kind == "MEASURE" and fitted.start == 0:
        # exactly the run chart experiments have always had under IHI
        found = list(runchart.analyse([runchart.Point(r.at, r.value, r.note, r.baseline)
                                       for r in fitted.readings]).signals)
    else:
        found = _ihi(values, fitted, kind)
    return [_shifted(s, fitted.start) for s in found]


def _ihi(values: list[float], fitted: Fitted, kind: str) -> list[Signal]:
    """IHI's run-chart rules around the part's centre line; the astronomical point is a
    point outside the part's 3-sigma limits."""
    astronomical = [Signal(runchart.ASTRONOMICAL, s.from_index, s.to_index,
                           s.description.replace("a special cause, not noise",
                                                 "an astronomical point"))
                    for s in anhoej.outside_signals(values, fitted.limits, "")]
    around = [*runchart.shifts(values, fitted.centre), *runchart.runs_signals(values,
                                                                             fitted.centre)]
    if fitted.band is not None and kind != "MEASURE":  # a p, u or c chart's centre: the mean
        around = [replace(s, description=s.description.replace("the median",
                                                               "the centre line"))
                  for s in around]
    return [*around, *runchart.trends(values), *astronomical]


def _shifted(signal: Signal, start: int) -> Signal:
    return Signal(signal.kind, signal.from_index + start, signal.to_index + start,
                  signal.description, signal.rule or IHI_RULES.get(signal.kind, ""),
                  tuple(i + start for i in signal.flags))


IHI_RULES = {
    runchart.SHIFT: "IHI shift: 6 or more points in a row on one side of the median",
    runchart.TREND: "IHI trend: 5 or more points in a row all going up or all going down",
    runchart.TOO_FEW_RUNS: "IHI runs: fewer runs than chance allows for this many points",
    runchart.TOO_MANY_RUNS: "IHI runs: more runs than chance allows for this many points",
    runchart.ASTRONOMICAL: "IHI astronomical point: a point outside the 3-sigma limits",
}


def _order(rules: str):
    if rules == "NHS":
        return lambda s: (nhs.PRIORITY.get(s.kind, 9), s.from_index, s.to_index)
    return lambda s: (s.from_index, s.to_index, s.kind)


def _part(fitted: Fitted, end: int) -> Part:
    values = [r.value for r in fitted.readings]
    runs = anhoej.runs_analysis(values, fitted.centre) if fitted.centre is not None else None
    n = len(fitted.readings)
    constant = fitted.band is not None and len(set(fitted.band.sigmas)) <= 1
    lower, upper = fitted.limits(0) if constant and n else (None, None)
    return Part(fitted.start, end - 1, fitted.centre, lower, upper,
                runs.longest_run if runs else 0, runs.longest_run_limit if runs else None,
                runs.crossings if runs else 0, runs.crossings_limit if runs else None)


def classify(point_side: int, trend_up: bool | None, direction: str) -> str:
    """Improvement when the special cause lies on the side (or goes the way) the metric
    should move; concern otherwise."""
    good = 1 if direction == "INCREASE" else -1
    side = (1 if trend_up else -1) if trend_up is not None else point_side
    return IMPROVEMENT if side == good else CONCERN


def split_indexes(readings: Sequence[Reading], split_times: Sequence[datetime]) -> list[int]:
    """The first point at or after each split time (readings in time order)."""
    indexes = []
    for at in split_times:
        index = next((i for i, r in enumerate(readings) if r.at >= at), None)
        if index:
            indexes.append(index)
    return indexes


def build(kind: str, rules: str, readings: Sequence[Reading], direction: str,
          splits: Sequence[datetime] = (), screen: bool = True,
          propose_after: int = PROPOSE_AFTER) -> Chart:
    """The chart of `readings`, a new part starting at each time of `splits`; `screen` the
    moving ranges of an NHS XmR chart; a new part proposed after a run of `propose_after`."""
    readings = sorted(readings, key=lambda r: r.at)
    splits = split_indexes(readings, sorted(splits))
    fitted = [_fit(kind, rules, a, readings[a:b], a == 0, screen)
              for a, b in _parts(readings, splits)]
    signals = sorted((s for f in fitted for s in _signals(rules, kind, f)), key=_order(rules))
    bands = [(r, f.centre, *f.limits(i)) for f in fitted for i, r in enumerate(f.readings)]
    marks: dict[int, str] = {}
    for s in signals:  # in priority order: the first special cause names the point
        if s.kind in POINTWISE:
            trend_up = (bands[s.to_index][0].value > bands[s.from_index][0].value
                        if s.kind == runchart.TREND else None)
            for i in s.flagged():
                marks.setdefault(i, classify(_side(*bands[i][:2]), trend_up, direction))
    points = [ChartPoint(*band, marks.get(i, COMMON)) for i, band in enumerate(bands)]
    parts = tuple(_part(f, f.start + len(f.readings)) for f in fitted)
    proposed = tuple(proposals(fitted[-1], propose_after)) if fitted else ()
    return Chart(kind, rules, fitted[-1].centre if fitted else None, parts, tuple(points),
                 tuple(signals), proposed)


def _side(reading: Reading, centre: float | None) -> int:
    if centre is None:
        return 0
    return (reading.value > centre) - (reading.value < centre)
