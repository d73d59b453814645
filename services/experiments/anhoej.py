"""The Anhøj rules of runs analysis, as the R package qicharts2 applies them (Anhøj J,
Olesen AV. Run charts revisited: a simulation study of run chart rules for detection of
non-random variation in health care processes. PLoS One 2014;9(11):e113825). Pure.

Points on the centre line are ignored. With n useful points (the others):

* an unusually long run: the longest run on one side of the centre line is longer than
  round(log2(n) + 3) (Schilling 2012);
* too few crossings: the line crosses the centre line fewer times than the lower 5 %
  quantile of Binomial(n − 1, 0.5) (Chen 2010), R's qbinom(0.05, n - 1, 0.5).

Either is a shift. On a control chart a point outside the 3-sigma limits is a signal too.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from services.experiments.limits import LimitsAt, outside
from services.experiments.runchart import Signal, _fmt, _side_blocks

LONG_RUN = "LONG_RUN"
FEW_CROSSINGS = "FEW_CROSSINGS"
OUTSIDE_LIMITS = "OUTSIDE_LIMITS"
RULES = {
    LONG_RUN: "Anhøj unusually long run: the longest run on one side of the centre line is "
              "longer than round(log2(n) + 3) for n useful points",
    FEW_CROSSINGS: "Anhøj too few crossings: fewer crossings of the centre line than the "
                   "lower 5 % of Binomial(n − 1, ½)",
    OUTSIDE_LIMITS: "Shewhart: a point outside the 3-sigma limits",
}


def longest_run_limit(useful: int) -> int:
    """The longest run chance allows among `useful` points (a longer one is a signal)."""
    return round(math.log2(useful) + 3)


def crossings_limit(useful: int) -> int:
    """The fewest crossings chance allows: the smallest x with P(X <= x) >= 0.05 for
    X ~ Binomial(useful - 1, 0.5), computed exactly in integers."""
    trials = max(useful - 1, 0)
    total, cumulative = 2 ** trials, 0
    for x in range(trials + 1):
        cumulative += math.comb(trials, x)
        if 20 * cumulative >= total:
            return x
    return trials


@dataclass(frozen=True)
class RunsAnalysis:
    useful: int
    longest_run: int
    longest_run_limit: int | None  # None without useful points
    crossings: int
    crossings_limit: int | None
    longest: tuple[int, int, int] | None  # (side, first, last index) of the longest run


def runs_analysis(values: Sequence[float], centre: float) -> RunsAnalysis:
    blocks = _side_blocks(values, centre)
    useful = sum(b[1] for b in blocks)
    if not useful:
        return RunsAnalysis(0, 0, None, 0, None, None)
    side, count, first, last = max(blocks, key=lambda b: b[1])  # the first of the longest
    return RunsAnalysis(useful, count, longest_run_limit(useful), len(blocks) - 1,
                        crossings_limit(useful), (side, first, last))


def signals(values: Sequence[float], centre: float, limits_at: LimitsAt) -> list[Signal]:
    found = []
    runs = runs_analysis(values, centre)
    if runs.useful and runs.longest_run > runs.longest_run_limit:
        side, first, last = runs.longest
        where = "above" if side > 0 else "below"
        found.append(Signal(
            LONG_RUN, first, last,
            f"{runs.longest_run} points in a row {where} the centre line ({_fmt(centre)}); "
            f"with {runs.useful} useful points a run longer than {runs.longest_run_limit} is "
            "unlikely to be chance — a shift", RULES[LONG_RUN]))
    if runs.useful and runs.crossings < runs.crossings_limit:
        found.append(Signal(
            FEW_CROSSINGS, 0, len(values) - 1,
            f"the line crosses the centre line ({_fmt(centre)}) {runs.crossings} times in "
            f"{runs.useful} useful points; fewer than {runs.crossings_limit} crossings is "
            "unlikely to be chance — a shift", RULES[FEW_CROSSINGS]))
    return found + outside_signals(values, limits_at, RULES[OUTSIDE_LIMITS])


def outside_signals(values: Sequence[float], limits_at: LimitsAt, rule: str) -> list[Signal]:
    found = []
    for i, side in outside(values, limits_at):
        lower, upper = limits_at(i, 3)
        where, limit = ("above the upper", upper) if side > 0 else ("below the lower", lower)
        found.append(Signal(OUTSIDE_LIMITS, i, i,
                            f"{_fmt(values[i])} is {where} 3-sigma limit ({_fmt(limit)}) — "
                            "a special cause, not noise", rule))
    return found
