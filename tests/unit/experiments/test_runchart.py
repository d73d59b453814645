"""Run-chart analysis: known answers for each rule, the runs table, and properties."""

from __future__ import annotations

from datetime import datetime, timedelta
from fractions import Fraction
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.experiments.runchart import (
    ASTRONOMICAL,
    RUNS_LIMITS,
    SHIFT,
    TOO_FEW_RUNS,
    TOO_MANY_RUNS,
    TREND,
    Point,
    analyse,
    astronomical,
    count_runs,
    effect,
    median_of,
    process_limits,
    runs_limits,
    runs_signals,
    shifts,
    trends,
)

T0 = datetime(2026, 1, 5, 9, 0)


def series(values, baseline=0):
    """Weekly points; the first `baseline` of them form the baseline period."""
    return [
        Point(at=T0 + timedelta(weeks=i), value=float(v), baseline=i < baseline)
        for i, v in enumerate(values)
    ]


def kinds(signals):
    return [s.kind for s in signals]


def spans(signals):
    return [(s.kind, s.from_index, s.to_index) for s in signals]


# --- shift -------------------------------------------------------------------


def test_six_points_on_one_side_is_a_shift():
    assert spans(shifts([11, 12, 13, 11, 12, 13], 10)) == [(SHIFT, 0, 5)]


def test_five_points_on_one_side_is_not_a_shift():
    assert shifts([11, 12, 13, 11, 12], 10) == []
    assert shifts([1, 11, 12, 13, 11, 12, 1], 10) == []


def test_shift_below_and_description():
    [signal] = shifts([1, 13, 13, 13, 13, 13, 13, 13, 1], 12.5)
    assert (signal.from_index, signal.to_index) == (1, 7)
    assert signal.description == "7 points in a row above the median (12.5) — a shift, not noise"
    [below] = shifts([9, 9, 8, 7, 9, 8], 10)
    assert "below the median (10)" in below.description


def test_points_on_the_median_neither_break_nor_count():
    # 6 points above with two on the median in between: still a shift, spanning them.
    assert spans(shifts([11, 12, 10, 13, 11, 10, 12, 14], 10)) == [(SHIFT, 0, 7)]
    # Only 5 above, padded by points on the median: the median points do not count.
    assert shifts([10, 11, 12, 10, 13, 11, 10, 12, 10], 10) == []


def test_a_point_on_the_other_side_breaks_a_shift():
    assert shifts([11, 12, 13, 9, 11, 12, 13], 10) == []


# --- trend -------------------------------------------------------------------


def test_five_points_going_up_is_a_trend():
    assert spans(trends([1, 2, 3, 4, 5])) == [(TREND, 0, 4)]
    assert spans(trends([9, 7, 5, 3, 1])) == [(TREND, 0, 4)]


def test_four_points_is_not_a_trend():
    assert trends([1, 2, 3, 4]) == []
    assert trends([4, 1, 2, 3, 4, 1]) == []


def test_a_tie_counts_once_in_a_trend():
    [signal] = trends([1, 2, 3, 3, 4, 5])
    assert (signal.kind, signal.from_index, signal.to_index) == (TREND, 0, 5)
    assert signal.description.startswith("5 points in a row going up")
    # The tie does not count: only four distinct steps.
    assert trends([1, 2, 2, 3, 4]) == []


def test_trend_starts_where_the_plateau_is_left():
    assert spans(trends([1, 1, 2, 3, 4, 5, 5])) == [(TREND, 1, 5)]


def test_up_then_down_trends_share_the_turning_point():
    assert spans(trends([1, 2, 3, 4, 5, 4, 3, 2, 1])) == [(TREND, 0, 4), (TREND, 4, 8)]


# --- runs --------------------------------------------------------------------


def swed_eisenhart_pmf(m: int, n: int) -> dict[int, Fraction]:
    """Exact distribution of the number of runs for m and n points on each side."""
    total = comb(m + n, m)
    pmf = {}
    for r in range(2, m + n + 1):
        k, odd = divmod(r, 2)
        if odd:
            ways = comb(m - 1, k) * comb(n - 1, k - 1) + comb(m - 1, k - 1) * comb(n - 1, k)
        else:
            ways = 2 * comb(m - 1, k - 1) * comb(n - 1, k - 1)
        if ways:
            pmf[r] = Fraction(ways, total)
    return pmf


def exact_limits(useful_n: int, alpha: Fraction = Fraction(5, 100)) -> tuple[int, int]:
    pmf = swed_eisenhart_pmf(useful_n // 2, useful_n - useful_n // 2)
    lower = max(r for r in pmf if sum(p for s, p in pmf.items() if s <= r) <= alpha)
    upper = min(r for r in pmf if sum(p for s, p in pmf.items() if s >= r) <= alpha)
    return lower, upper


def test_swed_eisenhart_distribution_sums_to_one():
    for n in (10, 21, 60):
        assert sum(swed_eisenhart_pmf(n // 2, n - n // 2).values()) == 1


def test_runs_table_values_quoted_from_perla_et_al():
    assert runs_limits(10) == (3, 9)
    assert runs_limits(20) == (6, 16)
    assert runs_limits(30) == (11, 21)
    assert runs_limits(40) == (15, 27)


def test_runs_table_matches_exact_swed_eisenhart_derivation():
    assert sorted(RUNS_LIMITS) == list(range(10, 61))
    for useful_n in range(10, 61):
        assert runs_limits(useful_n) == exact_limits(useful_n), useful_n


def test_runs_rule_does_not_apply_outside_10_to_60():
    assert runs_limits(9) is None
    assert runs_limits(61) is None
    assert runs_limits(0) is None
    alternating = [1, 9] * 4 + [1]  # 9 useful observations, 9 runs
    assert runs_signals(alternating, 5) == []


def test_count_runs_ignores_points_on_the_median():
    assert count_runs([], 5) == 0
    assert count_runs([5, 5], 5) == 0
    assert count_runs([1, 9, 9, 1], 5) == 3
    assert count_runs([1, 5, 1, 5, 9, 5, 9], 5) == 2


def test_too_few_runs():
    values = [1] * 7 + [9] * 7 + [1] * 6  # 20 useful observations in 3 runs
    [signal] = runs_signals(values, 5)
    assert (signal.kind, signal.from_index, signal.to_index) == (TOO_FEW_RUNS, 0, 19)
    assert "3 runs in 20 useful observations, fewer than 6" in signal.description
    chart = analyse(series([1] * 10 + [9] * 10))
    assert (chart.median, chart.useful_observations, chart.runs) == (5.0, 20, 2)
    # A two-level baseline also puts every point outside its own XmR limits.
    assert [k for k in kinds(chart.signals) if k != ASTRONOMICAL] == [SHIFT, TOO_FEW_RUNS, SHIFT]


def test_too_many_runs_with_strict_alternation():
    values = [1, 9] * 10
    [signal] = runs_signals(values, 5)
    assert (signal.kind, signal.from_index, signal.to_index) == (TOO_MANY_RUNS, 0, 19)
    chart = analyse(series(values))
    assert (chart.median, chart.useful_observations, chart.runs) == (5.0, 20, 20)
    assert kinds(chart.signals) == [TOO_MANY_RUNS]


def test_runs_at_the_limits_are_not_signals():
    # 20 useful observations: 6 and 16 runs are still expected by chance.
    six_runs = [1] * 4 + [9] * 3 + [1] * 3 + [9] * 3 + [1] * 3 + [9] * 4
    assert count_runs(six_runs, 5) == 6
    assert runs_signals(six_runs, 5) == []
    sixteen_runs = [1, 9] * 6 + [1, 1, 9, 9, 1, 1, 9, 9]
    assert count_runs(sixteen_runs, 5) == 16
    assert runs_signals(sixteen_runs, 5) == []


# --- astronomical ------------------------------------------------------------


BASELINE = [10, 11, 9, 10, 12, 9, 11, 10]


def test_process_limits_from_mean_moving_range():
    lower, upper = process_limits(BASELINE)
    mean, mean_range = 10.25, 12 / 7
    assert lower == pytest.approx(mean - 2.66 * mean_range)
    assert upper == pytest.approx(mean + 2.66 * mean_range)
    assert process_limits([10]) is None
    assert process_limits([]) is None
    assert process_limits([4, 4, 4]) is None  # no routine variation to judge against


def test_astronomical_point_above_the_upper_limit():
    chart = analyse(series(BASELINE + [10, 40, 11], baseline=len(BASELINE)))
    assert chart.median == 10.0
    assert chart.upper_limit == pytest.approx(10.25 + 2.66 * 12 / 7)
    assert spans(chart.signals) == [(ASTRONOMICAL, 9, 9)]
    assert chart.signals[0].description.startswith("40 is above the upper natural process limit")


def test_astronomical_point_below_the_lower_limit_and_limit_itself():
    lower, upper = process_limits(BASELINE)
    assert spans(astronomical([10, -3, 10], BASELINE)) == [(ASTRONOMICAL, 1, 1)]
    assert astronomical([lower, upper], BASELINE) == []


def test_astronomical_uses_all_points_without_a_baseline():
    chart = analyse(series([10, 11, 9, 10, 12, 9, 11, 10, 10, 11, 9, 60]))
    assert ASTRONOMICAL in kinds(chart.signals)
    assert chart.upper_limit is not None


# --- whole chart -------------------------------------------------------------


def test_series_with_no_signal():
    chart = analyse(series([7, 9, 3, 2, 8, 4, 2, 3, 9, 7, 4, 8, 3, 8]))
    assert chart.median == 5.5
    assert (chart.useful_observations, chart.runs) == (14, 9)
    assert chart.signals == ()


def test_empty_chart():
    chart = analyse([])
    assert chart == analyse(())
    assert chart.median is None
    assert chart.signals == ()
    assert (chart.useful_observations, chart.runs) == (0, 0)
    assert chart.lower_limit is None and chart.upper_limit is None
    assert effect(chart, 0, 1, "INCREASE") == effect(chart, 0, 1, "DECREASE")
    assert effect(chart, 0, 1, "INCREASE").improved is None


def test_single_point_chart():
    chart = analyse(series([3]))
    assert chart.median == 3.0
    assert chart.signals == ()
    assert chart.lower_limit is None


def test_points_are_sorted_by_time_and_median_uses_the_baseline():
    points = series([1, 2, 3, 50, 60, 70], baseline=3)
    chart = analyse(list(reversed(points)))
    assert [p.value for p in chart.points] == [1, 2, 3, 50, 60, 70]
    assert chart.median == 2.0


def test_shift_after_a_baseline():
    values = [5, 6, 4, 5, 6, 4, 5, 9, 8, 9, 10, 8, 9]
    chart = analyse(series(values, baseline=7))
    assert chart.median == 5.0
    assert (SHIFT, 7, 12) in spans(chart.signals)


def test_non_finite_values_are_refused():
    with pytest.raises(ValueError, match="not finite"):
        analyse(series([1, float("nan"), 3]))
    with pytest.raises(ValueError):
        analyse(series([1, float("inf")]))


def test_median_of():
    assert median_of([]) is None
    assert median_of([3, 1, 2]) == 2.0
    assert median_of([4, 1, 2, 3]) == 2.5


# --- effect ------------------------------------------------------------------


def test_effect_increase_improved():
    chart = analyse(series([10, 10, 10, 10, 14, 15, 16], baseline=4))
    result = effect(chart, metric_baseline=10, metric_target=20, direction="INCREASE")
    assert result.absolute == 5.0  # median of 14, 15, 16 minus centre 10
    assert result.relative == pytest.approx(50.0)
    assert result.toward_target == pytest.approx(0.5)
    assert result.improved is True


def test_effect_decrease_direction():
    chart = analyse(series([10, 10, 10, 10, 14, 15, 16], baseline=4))
    assert effect(chart, 10, 5, "DECREASE").improved is False
    assert effect(chart, 10, 5, "DECREASE").toward_target == pytest.approx(-1.0)
    lower = analyse(series([10, 10, 10, 10, 7, 6, 4], baseline=4))
    result = effect(lower, 10, 5, "DECREASE")
    assert (result.absolute, result.improved) == (-4.0, True)
    assert result.toward_target == pytest.approx(0.8)


def test_effect_toward_target_may_exceed_one():
    chart = analyse(series([10, 10, 30], baseline=2))
    assert effect(chart, 10, 20, "INCREASE").toward_target == pytest.approx(2.0)


def test_effect_no_change_is_not_improved():
    chart = analyse(series([10, 10, 10], baseline=2))
    assert effect(chart, 10, 20, "INCREASE").improved is False
    assert effect(chart, 10, 20, "DECREASE").improved is False


def test_effect_relative_none_when_centre_is_zero_and_target_equals_baseline():
    chart = analyse(series([0, 0, 3], baseline=2))
    result = effect(chart, 5, 5, "INCREASE")
    assert (result.absolute, result.relative, result.toward_target) == (3.0, None, None)
    assert result.improved is True


def test_effect_relative_keeps_the_sign_of_the_change_for_a_negative_centre():
    chart = analyse(series([-10, -10, -5], baseline=2))
    assert effect(chart, -10, 0, "INCREASE").relative == pytest.approx(50.0)


def test_effect_without_post_baseline_points():
    chart = analyse(series([1, 2, 3], baseline=3))
    assert effect(chart, 1, 2, "INCREASE") == effect(chart, 1, 2, "DECREASE")
    assert effect(chart, 1, 2, "INCREASE").improved is None
    assert effect(chart, 1, 2, "INCREASE").absolute is None


def test_effect_without_a_baseline_period_has_nothing_to_compare():
    chart = analyse(series([1, 2, 3]))
    result = effect(chart, 1, 3, "INCREASE")
    assert (result.absolute, result.relative, result.improved) == (None, None, None)
    assert result.toward_target == pytest.approx(0.5)


def test_effect_toward_target_none_for_non_finite_metric_settings():
    chart = analyse(series([1, 2], baseline=1))
    assert effect(chart, 0, float("inf"), "INCREASE").toward_target is None
    assert effect(chart, float("nan"), 1, "INCREASE").toward_target is None


def test_effect_rejects_unknown_direction():
    with pytest.raises(ValueError):
        effect(analyse(series([1, 2], baseline=1)), 0, 1, "UP")  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------

# Integer-valued floats keep medians (x or x.5) and shifted copies exact. A narrow
# range puts many points on the median and makes long same-side runs common.
values_st = st.one_of(
    st.lists(st.integers(-50, 50).map(float), max_size=70),
    st.lists(st.integers(0, 3).map(float), max_size=70),
    # Plateaus and ramps: values repeated in blocks, so shifts and trends show up.
    st.lists(st.tuples(st.integers(-5, 5), st.integers(1, 8)), max_size=12).map(
        lambda blocks: [float(v) for v, times in blocks for _ in range(times)]
    ),
)
flags_st = st.lists(st.booleans(), max_size=70)
PROPERTY = settings(max_examples=200, deadline=None)


def flagged(values, flags):
    return [
        Point(at=T0 + timedelta(days=i), value=v, baseline=i < len(flags) and flags[i])
        for i, v in enumerate(values)
    ]


@PROPERTY
@given(values_st, flags_st, st.integers(-1000, 1000))
def test_shifting_all_values_changes_no_signal(values, flags, constant):
    chart = analyse(flagged(values, flags))
    moved = analyse(flagged([v + constant for v in values], flags))
    assert spans(moved.signals) == spans(chart.signals)
    assert (moved.runs, moved.useful_observations) == (chart.runs, chart.useful_observations)
    if chart.median is None:
        assert moved.median is None
    else:
        assert moved.median == chart.median + constant


@PROPERTY
@given(values_st, flags_st)
def test_shift_signals_never_include_a_point_on_the_wrong_side(values, flags):
    chart = analyse(flagged(values, flags))
    for signal in chart.signals:
        if signal.kind != SHIFT:
            continue
        window = values[signal.from_index : signal.to_index + 1]
        above = [v > chart.median for v in window if v != chart.median]
        assert len(above) >= 6
        assert all(above) or not any(above)
        assert window[0] != chart.median and window[-1] != chart.median


@PROPERTY
@given(values_st, st.integers(-50, 50))
def test_reversing_a_series_keeps_the_number_of_runs(values, centre):
    assert count_runs(values, centre) == count_runs(values[::-1], centre)
    forward = analyse(flagged(values, []))
    backward = analyse(flagged(values[::-1], []))
    assert (forward.runs, forward.median) == (backward.runs, backward.median)


@PROPERTY
@given(values_st, flags_st)
def test_signal_indexes_are_in_range(values, flags):
    chart = analyse(flagged(values, flags))
    for signal in chart.signals:
        assert 0 <= signal.from_index <= signal.to_index < len(chart.points)
        assert signal.description


@PROPERTY
@given(values_st)
def test_trend_signals_are_monotone_over_at_least_five_distinct_steps(values):
    for signal in trends(values):
        window = values[signal.from_index : signal.to_index + 1]
        distinct = [v for i, v in enumerate(window) if i == 0 or v != window[i - 1]]
        assert len(distinct) >= 5
        steps = [b > a for a, b in zip(distinct, distinct[1:], strict=False)]
        assert all(steps) or not any(steps)
