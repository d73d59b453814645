"""Control limits of the four metric kinds: pure functions over plain numbers.

* MEASURE, the XmR (individuals) chart: mean ± 2.66 × mean moving range (Wheeler; 2.66 =
  3 / d2, d2 = 1.128 for ranges of two points). Screening leaves moving ranges above
  3.267 × the mean moving range (D4 for n = 2) out of the mean moving range, as NHS England's
  "Making Data Count" does, so one wild point does not widen the limits.
* PROPORTION, the p chart: p̄ ± 3 √(p̄ (1 − p̄) / nᵢ), p̄ = Σ numerators / Σ denominators.
* RATE, the u chart: ū ± 3 √(ū / nᵢ), ū = Σ counts / Σ exposure.
* COUNT, the c chart: c̄ ± 3 √c̄.

Limits of p, u and c follow each point's denominator (nᵢ); none goes below 0 and a
proportion's none above 1. Every chart is fitted to its reference points (the baseline),
then read over all of them.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

XMR_SCALE = 2.66  # 3 sigma of an individuals chart, in mean moving ranges
SCREEN_SCALE = 3.267  # D4: a moving range above this many mean moving ranges is screened


@dataclass(frozen=True)
class Sample:
    """One point as the limits need it: its value, and for p and u its denominator."""

    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Band:
    """A fitted chart: its centre and, for each point it is read over, three sigma (kept as
    three sigma, so the XmR limits are exactly mean ± 2.66 × mean moving range)."""

    centre: float
    sigmas: tuple[float, ...]  # three sigma per point
    floor: float | None = None  # nothing below it (counts and rates: 0)
    ceiling: float | None = None  # nothing above it (a proportion: 1)

    def limits(self, index: int, width: float = 3) -> tuple[float, float]:
        """(lower, upper) at `width` sigma around the centre, for point `index`."""
        spread = self.sigmas[index] if width == 3 else width / 3 * self.sigmas[index]
        lower, upper = self.centre - spread, self.centre + spread
        if self.floor is not None:
            lower = max(lower, self.floor)
        if self.ceiling is not None:
            upper = min(upper, self.ceiling)
        return lower, upper


def moving_ranges(values: Sequence[float]) -> list[float]:
    return [abs(b - a) for a, b in zip(values, values[1:], strict=False)]


def mean_moving_range(values: Sequence[float], screen: bool = False) -> float | None:
    """The mean moving range; with `screen`, ranges above 3.267 × it are left out and it is
    taken again over the rest. None with fewer than two values."""
    ranges = moving_ranges(values)
    if not ranges:
        return None
    mean = math.fsum(ranges) / len(ranges)
    if screen:
        kept = [r for r in ranges if r <= SCREEN_SCALE * mean]
        mean = math.fsum(kept) / len(kept) if kept else mean
    return mean


def xmr(reference: Sequence[float], n_points: int, screen: bool = False) -> Band | None:
    """The individuals chart: None with fewer than two reference points or when they never
    move (limits of zero width would call any change special)."""
    mr = mean_moving_range(reference, screen)
    if not mr:
        return None
    mean = math.fsum(reference) / len(reference)
    return Band(mean, (XMR_SCALE * mr,) * n_points)


def p_chart(reference: Sequence[Sample], points: Sequence[Sample]) -> Band | None:
    total = math.fsum(s.denominator for s in reference)
    if not reference or total <= 0:
        return None
    p = math.fsum(s.numerator for s in reference) / total
    sigmas = tuple(3 * math.sqrt(p * (1 - p) / s.denominator) for s in points)
    return Band(p, sigmas, floor=0.0, ceiling=1.0)


def u_chart(reference: Sequence[Sample], points: Sequence[Sample]) -> Band | None:
    total = math.fsum(s.denominator for s in reference)
    if not reference or total <= 0:
        return None
    u = math.fsum(s.numerator for s in reference) / total
    return Band(u, tuple(3 * math.sqrt(u / s.denominator) for s in points), floor=0.0)


def c_chart(reference: Sequence[Sample], n_points: int) -> Band | None:
    if not reference:
        return None
    c = math.fsum(s.value for s in reference) / len(reference)
    return Band(c, (3 * math.sqrt(c),) * n_points, floor=0.0)


def band(kind: str, reference: Sequence[Sample], points: Sequence[Sample],
         screen: bool = False) -> Band | None:
    """The chart of a `kind` metric fitted to `reference`, read over `points`."""
    if kind == "PROPORTION":
        return p_chart(reference, points)
    if kind == "RATE":
        return u_chart(reference, points)
    if kind == "COUNT":
        return c_chart(reference, len(points))
    return xmr([s.value for s in reference], len(points), screen)


def beyond(value: float, bound: float | None, above: bool) -> bool:
    """Strictly beyond `bound`: a point on a limit is not outside it, float noise aside."""
    if bound is None or math.isclose(value, bound, rel_tol=1e-9, abs_tol=1e-12):
        return False
    return value > bound if above else value < bound


LimitsAt = Callable[[int, float], tuple[float | None, float | None]]  # (index, width)


def outside(values: Sequence[float], limits_at: LimitsAt,
            width: float = 3) -> list[tuple[int, int]]:
    """(index, +1 above / -1 below) of every value beyond its `width`-sigma limits."""
    found = []
    for i, v in enumerate(values):
        lower, upper = limits_at(i, width)
        if beyond(v, upper, above=True):
            found.append((i, 1))
        elif beyond(v, lower, above=False):
            found.append((i, -1))
    return found
