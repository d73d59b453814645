"""Run-chart analysis for experiments: centre line, special-cause signals and effect.

Pure functions over plain values, no I/O and no framework, so the same rules can be
tested exhaustively and reused by any service or report.

The rules are the run-chart rules used in healthcare quality improvement (Perla,
Provost & Murray, "The run chart: a simple analytical tool for learning from
variation in healthcare processes", BMJ Qual Saf 2011;20:46-51):

* shift: 6 or more consecutive points on one side of the median;
* trend: 5 or more consecutive points all going up or all going down;
* too few or too many runs, judged against a table for 10-60 useful observations;
* astronomical point, here made objective as a point outside the natural process
  limits of an XmR (individuals) chart of the baseline.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Direction = Literal["INCREASE", "DECREASE"]

SHIFT = "SHIFT"
TREND = "TREND"
TOO_FEW_RUNS = "TOO_FEW_RUNS"
TOO_MANY_RUNS = "TOO_MANY_RUNS"
ASTRONOMICAL = "ASTRONOMICAL"

SHIFT_LENGTH = 6
TREND_LENGTH = 5
# 2.66 = 3 / d2 with d2 = 1.128 for moving ranges of two: turns the mean moving range
# into three sigma of routine variation (Wheeler's XmR chart constant).
XMR_SCALE = 2.66

# Limits for the number of runs, keyed by useful observations (points not on the
# median): (lower, upper). Fewer runs than `lower` or more than `upper` is a signal.
# Perla et al. 2011 (Table 1) adapts these from Swed & Eisenhart (1943). The printed
# table could not be consulted, so the values were recomputed exactly from the
# Swed-Eisenhart distribution of the number of runs with the useful observations
# split as evenly as possible (floor(N/2) / ceil(N/2)): `lower` is the largest r with
# P(runs <= r) <= 5% and `upper` the smallest r with P(runs >= r) <= 5%. That reproduces
# the values the issue quotes from the paper (N=10: 3-9, N=20: 6-16, N=30: 11-21,
# N=40: 15-27); rows for other N, odd N especially, may differ by one from the print.
# tests/unit/experiments/test_runchart.py recomputes every row.
# fmt: off
RUNS_LIMITS: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12), 15: (4, 13), 16: (5, 13),
    17: (5, 14), 18: (6, 14), 19: (6, 15), 20: (6, 16), 21: (7, 16), 22: (7, 17), 23: (8, 17),
    24: (8, 18), 25: (9, 18), 26: (9, 19), 27: (9, 20), 28: (10, 20), 29: (10, 21), 30: (11, 21),
    31: (11, 22), 32: (11, 23), 33: (12, 23), 34: (12, 24), 35: (13, 24), 36: (13, 25),
    37: (14, 25), 38: (14, 26), 39: (14, 27), 40: (15, 27), 41: (15, 28), 42: (16, 28),
    43: (16, 29), 44: (17, 29), 45: (17, 30), 46: (17, 31), 47: (18, 31), 48: (18, 32),
    49: (19, 32), 50: (19, 33), 51: (20, 33), 52: (20, 34), 53: (21, 34), 54: (21, 35),
    55: (21, 36), 56: (22, 36), 57: (22, 37), 58: (23, 37), 59: (23, 38), 60: (24, 38),
}
# fmt: on


@dataclass(frozen=True)
class Point:
    at: datetime
    value: float
    note: str | None = None
    baseline: bool = False


@dataclass(frozen=True)
class Signal:
    kind: str  # SHIFT | TREND | TOO_FEW_RUNS | TOO_MANY_RUNS | ASTRONOMICAL
    from_index: int  # inclusive, position in the chart's time-ordered points
    to_index: int  # inclusive
    description: str
    rule: str = ""  # the rule it breaks, in words (charts.py names it)
    flags: tuple[int, ...] = ()  # the special-cause points, when not every one it spans

    def flagged(self) -> tuple[int, ...]:
        return self.flags or tuple(range(self.from_index, self.to_index + 1))


@dataclass(frozen=True)
class Effect:
    absolute: float | None
    relative: float | None  # percent of the baseline centre line
    toward_target: float | None  # 0 = at the metric baseline, 1 = target reached
    improved: bool | None


@dataclass(frozen=True)
class RunChart:
    median: float | None  # centre line
    points: tuple[Point, ...]  # ordered by `at`; signal indexes point into this
    signals: tuple[Signal, ...]
    lower_limit: float | None  # natural process limits of the baseline XmR chart
    upper_limit: float | None
    useful_observations: int  # points not on the median
    runs: int


def _fmt(x: float) -> str:
    # Humans read these descriptions: 12.5, not 12.500000000000002.
    return f"{x:.6g}"


def median_of(values: Sequence[float]) -> float | None:
    """Median, or None for no values (an empty chart has no centre line)."""
    if not values:
        return None
    return float(statistics.median(values))


def _side(value: float, centre: float) -> int:
    """+1 above, -1 below, 0 on the centre line."""
    return (value > centre) - (value < centre)


def _useful(values: Sequence[float], centre: float) -> list[tuple[int, int]]:
    """(index, side) of every point not on the centre line.

    Points on the median carry no information about which side the process is on,
    so every median-based rule (shift, runs) skips them.
    """
    return [(i, s) for i, v in enumerate(values) if (s := _side(v, centre)) != 0]


def _side_blocks(values: Sequence[float], centre: float) -> list[tuple[int, int, int, int]]:
    """Maximal same-side sequences of useful points: (side, count, first, last index)."""
    blocks: list[list[int]] = []
    for i, side in _useful(values, centre):
        if blocks and blocks[-1][0] == side:
            blocks[-1][1] += 1
            blocks[-1][3] = i
        else:
            blocks.append([side, 1, i, i])
    return [(b[0], b[1], b[2], b[3]) for b in blocks]


def shifts(values: Sequence[float], centre: float) -> list[Signal]:
    """Runs of SHIFT_LENGTH or more useful points on one side of the centre line."""
    signals = []
    for side, count, first, last in _side_blocks(values, centre):
        if count >= SHIFT_LENGTH:
            where = "above" if side > 0 else "below"
            signals.append(
                Signal(
                    SHIFT,
                    first,
                    last,
                    f"{count} points in a row {where} the median ({_fmt(centre)})"
                    " — a shift, not noise",
                )
            )
    return signals


def _distinct_steps(values: Sequence[float]) -> list[tuple[float, int, int]]:
    """Collapse equal neighbours: (value, first index, last index) per plateau.

    A repeated value neither makes nor breaks a trend, so it is counted once.
    """
    steps: list[tuple[float, int, int]] = []
    for i, v in enumerate(values):
        if steps and steps[-1][0] == v:
            steps[-1] = (v, steps[-1][1], i)
        else:
            steps.append((v, i, i))
    return steps


def trends(values: Sequence[float]) -> list[Signal]:
    """TREND_LENGTH or more points all going up or all going down (ties count once).

    A trend spans from the last point of the plateau it leaves to the first point of
    the plateau it reaches; neighbouring trends share their turning point.
    """
    steps = _distinct_steps(values)
    signals = []
    start = 0
    while start < len(steps) - 1:
        up = steps[start + 1][0] > steps[start][0]
        end = start + 1
        while end + 1 < len(steps) and (steps[end + 1][0] > steps[end][0]) == up:
            end += 1
        count = end - start + 1
        if count >= TREND_LENGTH:
            where = "up" if up else "down"
            signals.append(
                Signal(
                    TREND,
                    steps[start][2],
                    steps[end][1],
                    f"{count} points in a row going {where} — a trend, not noise",
                )
            )
        start = end
    return signals


def count_runs(values: Sequence[float], centre: float) -> int:
    """Sequences of useful points on one side of the centre line (crossings + 1)."""
    return len(_side_blocks(values, centre))


def runs_limits(useful_n: int) -> tuple[int, int] | None:
    """(fewest, most) runs expected by chance, or None where the rule does not apply."""
    return RUNS_LIMITS.get(useful_n)


def runs_signals(values: Sequence[float], centre: float) -> list[Signal]:
    """Too few runs (the process sat on one side too long) or too many (it alternates).

    The signal is about the whole chart, so it spans every point.
    """
    useful_n = len(_useful(values, centre))
    limits = runs_limits(useful_n)
    if limits is None:
        return []
    lower, upper = limits
    runs = count_runs(values, centre)
    last = len(values) - 1
    if runs < lower:
        return [
            Signal(
                TOO_FEW_RUNS,
                0,
                last,
                f"{runs} runs in {useful_n} useful observations, fewer than {lower}"
                " — too few runs to be chance",
            )
        ]
    if runs > upper:
        return [
            Signal(
                TOO_MANY_RUNS,
                0,
                last,
                f"{runs} runs in {useful_n} useful observations, more than {upper}"
                " — too many runs to be chance",
            )
        ]
    return []


def process_limits(baseline_values: Sequence[float]) -> tuple[float, float] | None:
    """Natural process limits of an XmR chart: mean ± 2.66 × mean moving range.

    None with fewer than two points (no moving range) or when the baseline never
    moves: limits of zero width would call every change astronomical.
    """
    if len(baseline_values) < 2:
        return None
    ranges = [abs(b - a) for a, b in zip(baseline_values, baseline_values[1:], strict=False)]
    mean_range = math.fsum(ranges) / len(ranges)
    if mean_range == 0:
        return None
    mean = math.fsum(baseline_values) / len(baseline_values)
    return mean - XMR_SCALE * mean_range, mean + XMR_SCALE * mean_range


def _beyond(value: float, limit: float, above: bool) -> bool:
    # A point exactly on a limit is not outside it; the tolerance keeps float noise
    # (e.g. the same data shifted by a constant) from deciding that.
    if math.isclose(value, limit, rel_tol=1e-9, abs_tol=1e-12):
        return False
    return value > limit if above else value < limit


def astronomical(values: Sequence[float], baseline_values: Sequence[float]) -> list[Signal]:
    """Each point outside the natural process limits of the baseline."""
    limits = process_limits(baseline_values)
    if limits is None:
        return []
    lower, upper = limits
    signals = []
    for i, v in enumerate(values):
        if _beyond(v, upper, above=True):
            where, limit = "above the upper", upper
        elif _beyond(v, lower, above=False):
            where, limit = "below the lower", lower
        else:
            continue
        signals.append(
            Signal(
                ASTRONOMICAL,
                i,
                i,
                f"{_fmt(v)} is {where} natural process limit ({_fmt(limit)})"
                " — an astronomical point",
            )
        )
    return signals


def _check_finite(points: Sequence[Point]) -> None:
    # Validation belongs upstream; a NaN slipping through would silently corrupt
    # every comparison, so refuse loudly instead.
    for p in points:
        if not math.isfinite(p.value):
            raise ValueError(f"run chart value at {p.at.isoformat()} is not finite: {p.value}")


def analyse(points: Sequence[Point]) -> RunChart:
    """Centre line, signals and counts for a series of points (any order)."""
    _check_finite(points)
    ordered = tuple(sorted(points, key=lambda p: p.at))
    values = [p.value for p in ordered]
    # No baseline period: the whole series is its own reference.
    baseline = [p.value for p in ordered if p.baseline] or values
    centre = median_of(baseline)
    if centre is None:
        return RunChart(None, ordered, (), None, None, 0, 0)
    limits = process_limits(baseline)
    signals = [
        *shifts(values, centre),
        *trends(values),
        *runs_signals(values, centre),
        *astronomical(values, baseline),
    ]
    signals.sort(key=lambda s: (s.from_index, s.to_index, s.kind))
    return RunChart(
        median=centre,
        points=ordered,
        signals=tuple(signals),
        lower_limit=limits[0] if limits else None,
        upper_limit=limits[1] if limits else None,
        useful_observations=len(_useful(values, centre)),
        runs=count_runs(values, centre),
    )


def effect(
    chart: RunChart, metric_baseline: float, metric_target: float, direction: Direction
) -> Effect:
    """How far the post-baseline period moved from the baseline centre line.

    The post-baseline level is the MEDIAN of the post-baseline points, not the mean:
    the centre line is a median too, and one astronomical point should not decide
    whether an experiment worked.
    """
    if direction not in ("INCREASE", "DECREASE"):
        raise ValueError(f"direction must be INCREASE or DECREASE, not {direction!r}")
    post = [p.value for p in chart.points if not p.baseline]
    current = median_of(post)
    if current is None:
        return Effect(None, None, None, None)
    toward = None
    # A target equal to the baseline leaves no distance to cover; non-finite metric
    # settings would only turn the share into NaN.
    if metric_target != metric_baseline and math.isfinite(metric_target - metric_baseline):
        toward = (current - metric_baseline) / (metric_target - metric_baseline)
    has_baseline = any(p.baseline for p in chart.points)
    if not has_baseline or chart.median is None:
        # Without a baseline period there is nothing "before" to compare with.
        return Effect(None, None, toward, None)
    absolute = current - chart.median
    # abs(): a negative centre line must not flip the sign of the relative change.
    relative = None if chart.median == 0 else absolute / abs(chart.median) * 100
    improved = absolute > 0 if direction == "INCREASE" else absolute < 0
    return Effect(absolute, relative, toward, improved)
