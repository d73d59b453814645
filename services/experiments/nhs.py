"""NHS England's "Making Data Count" special-cause rules for XmR (and p, u, c) charts, as
its reference implementation, the R package NHSRplotthedots, reads them. Pure.

In priority order:

1. a point outside the process limits (3 sigma; 2.66 mean moving ranges on an XmR chart);
2. a run of 7 points each higher than the one before, or each lower;
3. two of three points in a row beyond two sigma on the same side of the mean;
4. a run of 7 points on one side of the mean (a point on the mean breaks it).

Unlike NHSRplotthedots, a point beyond three sigma counts as beyond two for rule 3 (the
issue's wording, and the guidance's "close to or beyond a limit").
"""
from __future__ import annotations

from collections.abc import Sequence

from services.experiments.anhoej import outside_signals
from services.experiments.limits import LimitsAt, beyond
from services.experiments.runchart import Signal, _fmt

OUTSIDE_LIMITS = "OUTSIDE_LIMITS"
TREND = "TREND"
TWO_OF_THREE = "TWO_OF_THREE"
SHIFT = "SHIFT"
RUN = 7
PRIORITY = {OUTSIDE_LIMITS: 0, TREND: 1, TWO_OF_THREE: 2, SHIFT: 3}
RULES = {
    OUTSIDE_LIMITS: "NHS rule 1: a point outside the process limits",
    TREND: "NHS rule 2: a run of 7 points all increasing or all decreasing",
    TWO_OF_THREE: "NHS rule 3: two of three points in a row beyond two sigma on the same side",
    SHIFT: "NHS rule 4: a run of 7 points on one side of the mean",
}


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def trends(values: Sequence[float]) -> list[Signal]:
    """Maximal stretches of RUN or more points, each strictly above (below) the one before;
    an equal neighbour ends a trend, and neighbouring trends share their turning point."""
    found, i = [], 0
    while i < len(values) - 1:
        step = _sign(values[i + 1] - values[i])
        if step == 0:
            i += 1
            continue
        j = i + 1
        while j + 1 < len(values) and _sign(values[j + 1] - values[j]) == step:
            j += 1
        if j - i + 1 >= RUN:
            where = "increasing" if step > 0 else "decreasing"
            found.append(Signal(TREND, i, j, f"{j - i + 1} points in a row each {where} — "
                                "a trend, a special cause", RULES[TREND]))
        i = j
    return found


def shifts(values: Sequence[float], mean: float) -> list[Signal]:
    """Maximal stretches of RUN or more points on one side of the mean; a point on the
    mean ends a stretch (it is not skipped, as the Anhøj and IHI rules skip it)."""
    found, start = [], 0
    sides = [_sign(v - mean) for v in values]
    for i in range(1, len(values) + 1):
        if i < len(values) and sides[i] == sides[start]:
            continue
        if sides[start] != 0 and i - start >= RUN:
            where = "above" if sides[start] > 0 else "below"
            found.append(Signal(SHIFT, start, i - 1, f"{i - start} points in a row {where} "
                                f"the mean ({_fmt(mean)}) — a shift, a special cause",
                                RULES[SHIFT]))
        start = i
    return found


def two_of_three(values: Sequence[float], limits_at: LimitsAt) -> list[Signal]:
    """Windows of three points with two or more beyond two sigma on one side; overlapping
    windows on the same side make one signal, flagging the points beyond two sigma."""
    far_side = [_far_side(v, *limits_at(i, 2)) for i, v in enumerate(values)]
    groups: list[tuple[int, set[int]]] = []  # (side, flagged points)
    for start in range(len(values) - 2):
        for side in (1, -1):
            far = {i for i in range(start, start + 3) if far_side[i] == side}
            if len(far) < 2:
                continue
            if groups and groups[-1][0] == side and min(far) <= max(groups[-1][1]) + 2:
                groups[-1][1].update(far)
            else:
                groups.append((side, far))
    return [_two_of_three_signal(values, side, sorted(far), limits_at) for side, far in groups]


def _far_side(value: float, lower: float | None, upper: float | None) -> int:
    """+1 beyond the upper two-sigma line, -1 beyond the lower, 0 between them."""
    if beyond(value, upper, above=True):
        return 1
    return -1 if beyond(value, lower, above=False) else 0


def _two_of_three_signal(values, side: int, far: list[int], limits_at: LimitsAt) -> Signal:
    where = "above" if side > 0 else "below"
    line = limits_at(far[0], 2)[1 if side > 0 else 0]
    shown = [_fmt(values[i]) for i in far]
    listed = (", ".join(shown[:-1]) + " and " + shown[-1] if len(far) <= 3
              else f"{len(far)} of these points")
    return Signal(TWO_OF_THREE, far[0], far[-1],
                  f"{listed} lie beyond two sigma {where} the mean (at {_fmt(line)}): two of "
                  "three points in a row that far out is unlikely to be chance — a special "
                  "cause", RULES[TWO_OF_THREE], tuple(far))


def signals(values: Sequence[float], mean: float, limits_at: LimitsAt) -> list[Signal]:
    found = [*outside_signals(values, limits_at, RULES[OUTSIDE_LIMITS]), *trends(values),
             *two_of_three(values, limits_at), *shifts(values, mean)]
    return sorted(found, key=lambda s: (PRIORITY[s.kind], s.from_index, s.to_index))
