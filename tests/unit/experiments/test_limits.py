"""Control limits of the four metric kinds against published worked examples.

Every figure is from D. C. Montgomery, Introduction to Statistical Quality Control (6th ed.,
Wiley 2009), the textbook most SPC courses use:

* XmR: Example 6.5, the cost of processing mortgage loans (20 weeks): x̄ = 300.5,
  MR̄ = 7.79, UCL = 321.22, LCL = 279.78.
* p chart: Example 7.1 / Table 7.1, orange-juice cans, 30 samples of n = 50: p̄ = 0.2313,
  UCL = 0.4102, LCL = 0.0524; samples 15 and 23 above the UCL.
* c chart: Example 7.3 / Table 7.7, nonconformities in 26 samples of 100 printed circuit
  boards: c̄ = 19.85, UCL = 33.22, LCL = 6.48; samples 6 and 20 outside.
* u chart: Example 7.5 / Table 7.11, nonconformities in 20 samples of n = 5 computers:
  ū = 1.93, UCL = 3.79, LCL = 0.07.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.experiments import limits
from services.experiments.limits import Sample

MORTGAGE = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295,
            293, 306, 301, 304]
CANS = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15,
        9, 12, 7, 13, 9, 6]
BOARDS = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24,
          16, 19, 17, 15]
COMPUTERS = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]


def ratio(numerators, denominator):
    return [Sample(n / denominator, n, denominator) for n in numerators]


def test_the_xmr_chart_of_montgomerys_mortgage_loans():
    band = limits.xmr(MORTGAGE, len(MORTGAGE))
    assert limits.mean_moving_range(MORTGAGE) == pytest.approx(7.79, abs=0.005)
    assert band.centre == pytest.approx(300.5)
    lower, upper = band.limits(0)
    assert (lower, upper) == (pytest.approx(279.78, abs=0.01), pytest.approx(321.22, abs=0.01))


def test_the_p_chart_of_montgomerys_orange_juice_cans():
    samples = ratio(CANS, 50)
    band = limits.band("PROPORTION", samples, samples)
    assert band.centre == pytest.approx(0.2313, abs=5e-5)
    assert band.limits(0) == (pytest.approx(0.0524, abs=5e-5), pytest.approx(0.4102, abs=5e-5))
    above = [i + 1 for i, _ in limits.outside([s.value for s in samples], band.limits)]
    assert above == [15, 23]


def test_the_c_chart_of_montgomerys_circuit_boards():
    samples = [Sample(c) for c in BOARDS]
    band = limits.band("COUNT", samples, samples)
    assert band.centre == pytest.approx(19.85, abs=0.005)
    assert band.limits(0) == (pytest.approx(6.48, abs=0.01), pytest.approx(33.22, abs=0.01))
    assert [(i + 1, side) for i, side in limits.outside(BOARDS, band.limits)] == [(6, -1),
                                                                                 (20, 1)]


def test_the_u_chart_of_montgomerys_computers():
    samples = ratio(COMPUTERS, 5)
    band = limits.band("RATE", samples, samples)
    assert band.centre == pytest.approx(1.93)
    assert band.limits(0) == (pytest.approx(0.07, abs=0.005), pytest.approx(3.79, abs=0.005))


def test_p_and_u_limits_follow_each_points_denominator():
    samples = [Sample(100 / 1000, 100, 1000), Sample(100 / 4000, 100, 4000)]
    band = limits.band("PROPORTION", samples, samples)
    narrow, wide = band.limits(1), band.limits(0)
    assert band.centre == pytest.approx(200 / 5000)
    assert wide[1] - wide[0] == pytest.approx(2 * (narrow[1] - narrow[0]))  # √4 = 2
    rate = limits.band("RATE", samples, samples)
    assert rate.sigmas[0] == pytest.approx(2 * rate.sigmas[1])


def test_no_limit_goes_below_zero_nor_a_proportion_above_one():
    samples = [Sample(0.9, 9, 10), Sample(1.0, 10, 10), Sample(0.8, 8, 10)]
    p = limits.band("PROPORTION", samples, samples)
    assert p.limits(0)[1] == 1.0
    counts = [Sample(0), Sample(1), Sample(0)]
    assert limits.band("COUNT", counts, counts).limits(0)[0] == 0.0


def test_two_sigma_limits_are_two_thirds_of_the_way():
    band = limits.xmr([1, 3, 1, 3], 4)
    lower2, upper2 = band.limits(0, width=2)
    lower3, upper3 = band.limits(0, width=3)
    assert upper2 - band.centre == pytest.approx((upper3 - band.centre) * 2 / 3)


def test_screening_leaves_a_wild_moving_range_out():
    # ranges 1 (8 times), 20, 20: mean 4.8; 3.267 × 4.8 = 15.7 screens both 20s
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 30, 10]
    assert limits.mean_moving_range(values) == pytest.approx(48 / 10)
    assert limits.mean_moving_range(values, screen=True) == pytest.approx(1.0)


def test_a_chart_needs_movement_and_a_reference():
    assert limits.xmr([5], 1) is None
    assert limits.xmr([5, 5, 5], 3) is None
    assert limits.band("PROPORTION", [], []) is None
    assert limits.band("COUNT", [], []) is None


@given(st.lists(st.integers(0, 50), min_size=2, max_size=40), st.integers(50, 500))
def test_every_p_chart_centre_lies_within_its_limits(defects, n):
    samples = ratio(defects, n)
    band = limits.band("PROPORTION", samples, samples)
    for i in range(len(samples)):
        lower, upper = band.limits(i)
        assert 0 <= lower <= band.centre <= upper <= 1
