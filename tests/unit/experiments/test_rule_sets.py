"""The Anhøj and NHS rule sets as pure functions, at every threshold, and the chart that reads
a series under IHI exactly as the run chart always has.

References:
* Anhøj J, Olesen AV. Run charts revisited. PLoS One 2014;9(11):e113825, Table 1, and the
  qicharts2 vignette's table "Critical values for longest runs and number of crossings" for
  10 to 100 useful points: longest run round(log2(n) + 3), crossings qbinom(0.05, n - 1, .5).
* NHS England / NHS Improvement, "Making data count" (2019) and its R implementation
  NHSRplotthedots: a point outside the limits, 7 points increasing or decreasing, two of
  three beyond two sigma, 7 points on one side of the mean.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from services.experiments import anhoej, charts, nhs, runchart
from services.experiments.limits import Band

T0 = datetime(2026, 1, 5, tzinfo=UTC)

# (useful points, longest run limit, crossings limit) as printed in Anhøj & Olesen 2014
ANHOEJ_TABLE = [(10, 6, 2), (11, 6, 2), (12, 7, 3), (13, 7, 3), (14, 7, 4), (15, 7, 4),
                (16, 7, 4), (17, 7, 5), (18, 7, 5), (19, 7, 6), (20, 7, 6), (24, 8, 8),
                (25, 8, 8), (30, 8, 10), (40, 8, 14), (50, 9, 19), (60, 9, 23), (70, 9, 28),
                (80, 9, 32), (90, 9, 37), (100, 10, 41)]


@pytest.mark.parametrize(("n", "longest", "crossings"), ANHOEJ_TABLE)
def test_anhoej_critical_values_as_published(n, longest, crossings):
    assert (anhoej.longest_run_limit(n), anhoej.crossings_limit(n)) == (longest, crossings)


@pytest.mark.parametrize("n", range(2, 301))
def test_the_crossings_limit_is_rs_qbinom(n):
    assert anhoej.crossings_limit(n) == int(binom.ppf(0.05, n - 1, 0.5))


def limits_of(centre: float, sigma: float):
    band = Band(centre, (3 * sigma,) * 1000)
    return band.limits


def zigzag(n: int) -> list[float]:
    return [1.0 if i % 2 else -1.0 for i in range(n)]


def test_a_run_of_the_limit_is_not_a_long_run_one_more_is():
    # 20 useful points: runs longer than 7 signal
    seven = [1.0] * 7 + zigzag(13)
    eight = [1.0] * 8 + zigzag(12)
    kinds = [[s.kind for s in anhoej.signals(v, 0.0, limits_of(0, 10))] for v in (seven,
                                                                                  eight)]
    assert kinds == [[], [anhoej.LONG_RUN]]
    [signal] = anhoej.signals(eight, 0.0, limits_of(0, 10))
    assert (signal.from_index, signal.to_index) == (0, 7)
    assert "8 points in a row above the centre line (0)" in signal.description
    assert "a run longer than 7" in signal.description


def test_points_on_the_centre_line_are_ignored():
    # 8 above with a point on the line among them: a run of 8 among 20 useful points
    values = [1.0] * 4 + [0.0] + [1.0] * 4 + zigzag(12)
    runs = anhoej.runs_analysis(values, 0.0)
    assert (runs.useful, runs.longest_run) == (20, 8)


def test_too_few_crossings_at_the_threshold():
    # 20 useful points need 6 crossings: 6 are enough, 5 are too few
    def crossing(k: int) -> list[float]:
        lengths = [3] * k + [20 - 3 * k]  # k + 1 runs of at most 7... then the rest
        side, out = 1.0, []
        for length in lengths:
            out += [side] * length
            side = -side
        return out
    enough, few = crossing(6), crossing(5)
    assert anhoej.runs_analysis(enough, 0).crossings == 6
    assert anhoej.runs_analysis(few, 0).crossings == 5
    assert anhoej.FEW_CROSSINGS not in [s.kind for s in anhoej.signals(enough, 0, limits_of(0, 9))]
    signal = [s for s in anhoej.signals(few, 0, limits_of(0, 9))
              if s.kind == anhoej.FEW_CROSSINGS][0]
    assert "5 times in 20 useful points; fewer than 6 crossings" in signal.description


def test_nhs_trend_needs_seven_points_strictly_rising():
    six = [1, 2, 3, 4, 5, 6, 5]
    seven = [1, 2, 3, 4, 5, 6, 7]
    with_tie = [1, 2, 3, 3, 4, 5, 6, 7]
    assert [len(nhs.trends(v)) for v in (six, seven, with_tie)] == [0, 1, 0]
    [signal] = nhs.trends([9, 8, 7, 6, 5, 4, 3, 2])
    assert (signal.from_index, signal.to_index) == (0, 7)
    assert signal.description.startswith("8 points in a row each decreasing")


def test_nhs_shift_needs_seven_on_one_side_and_a_point_on_the_mean_breaks_it():
    assert nhs.shifts([1] * 6 + [-1], 0) == []
    [signal] = nhs.shifts([-1] + [1] * 7, 0)
    assert (signal.from_index, signal.to_index) == (1, 7)
    assert nhs.shifts([1] * 4 + [0] + [1] * 4, 0) == []  # IHI and Anhøj would skip the 0


def test_nhs_two_of_three_beyond_two_sigma_on_the_same_side():
    at = limits_of(0, 1)  # two sigma at ±2, three at ±3
    assert nhs.two_of_three([2.5, 0, 2.5], at)[0].flags == (0, 2)
    assert nhs.two_of_three([2.5, 0, 0, 2.5], at) == []  # not within three
    assert nhs.two_of_three([2.5, 0, -2.5], at) == []  # opposite sides
    assert nhs.two_of_three([2.0, 2.5, 0], at) == []  # on the two-sigma line is not beyond
    [signal] = nhs.two_of_three([0, -2.2, -2.4, -2.1, 0], at)
    assert (signal.flags, signal.kind) == ((1, 2, 3), nhs.TWO_OF_THREE)
    assert "beyond two sigma below the mean (at -2)" in signal.description


def test_nhs_signals_come_in_its_priority_order():
    at = limits_of(0, 1)
    values = [0.5] * 7 + [3.5]  # a shift of 8 above, the last point outside the limits
    kinds = [s.kind for s in nhs.signals(values, 0, at)]
    assert kinds == [nhs.OUTSIDE_LIMITS, nhs.SHIFT]


def readings(values, baseline=0) -> list[charts.Reading]:
    return [charts.Reading(T0 + timedelta(days=i), float(v), baseline=i < baseline)
            for i, v in enumerate(values)]


@given(st.lists(st.integers(-20, 20), min_size=0, max_size=40), st.integers(0, 40))
def test_ihi_reads_a_measure_exactly_as_the_run_chart_always_has(values, baseline):
    rs = readings(values, baseline)
    chart = charts.build("MEASURE", "IHI", rs, "INCREASE")
    before = runchart.analyse([runchart.Point(r.at, r.value, r.note, r.baseline) for r in rs])
    assert [(s.kind, s.from_index, s.to_index, s.description) for s in chart.signals] == [
        (s.kind, s.from_index, s.to_index, s.description) for s in before.signals]
    assert chart.centre_line == before.median
    assert {(p.lower_limit, p.upper_limit) for p in chart.points} <= {
        (before.lower_limit, before.upper_limit)}


def test_nhs_classifies_each_point_with_the_metrics_direction():
    values = [10, 12, 11, 9, 13, 11, 10, 14, 9, 12, 10, 30]
    up = charts.build("MEASURE", "NHS", readings(values), "INCREASE")
    down = charts.build("MEASURE", "NHS", readings(values), "DECREASE")
    assert up.points[-1].classification == charts.IMPROVEMENT
    assert down.points[-1].classification == charts.CONCERN
    assert {p.classification for p in up.points[:-1]} == {charts.COMMON}
    assert up.signals[0].rule == nhs.RULES[nhs.OUTSIDE_LIMITS]


def test_nhs_screens_moving_ranges_by_default_and_can_be_told_not_to():
    # the jumps to and from 32 (22) are above 3.267 mean moving ranges (6.73): screened out,
    # the limits narrow enough for the 24 at the end to stand out
    values = [10, 12, 10, 12, 10, 12, 10, 12, 10, 32, 10, 24]
    screened = charts.build("MEASURE", "NHS", readings(values), "INCREASE")
    raw = charts.build("MEASURE", "NHS", readings(values), "INCREASE", screen=False)
    assert screened.points[0].upper_limit < raw.points[0].upper_limit

    def outside(chart):
        return [s.from_index for s in chart.signals if s.kind == "OUTSIDE_LIMITS"]
    assert 11 in outside(screened)
    assert 11 not in outside(raw)


def test_a_measure_is_a_run_chart_under_anhoej_and_an_xmr_chart_under_nhs():
    values = [1, 2, 3, 4, 100]
    assert charts.build("MEASURE", "ANHOEJ", readings(values), "INCREASE").centre_line == 3
    assert charts.build("MEASURE", "NHS", readings(values), "INCREASE").centre_line == 22


def test_every_part_carries_its_runs_analysis():
    # the baseline 0, 2, 0, 2 puts the median at 1; then 9 fives and 0, 2, ... again
    values = [0, 2, 0, 2] + [5] * 9 + [0, 2, 0, 2, 0, 2, 0]
    chart = charts.build("MEASURE", "ANHOEJ", readings(values, baseline=4), "INCREASE")
    [part] = chart.parts
    assert (part.from_index, part.to_index, part.centre_line) == (0, 19, 1)
    assert (part.longest_run, part.longest_run_limit) == (10, 7)  # the last 2 and the fives
    assert (part.crossings, part.crossings_limit) == (10, 6)
    [signal] = chart.signals
    assert (signal.kind, signal.from_index, signal.to_index) == ("LONG_RUN", 3, 12)
    assert {chart.points[i].classification for i in range(3, 13)} == {charts.IMPROVEMENT}
