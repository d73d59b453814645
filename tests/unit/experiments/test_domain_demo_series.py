"""The demo experiments tell the story they are seeded for: the SMED cart shifts after the
change, the huddle shows only noise, and every series fits its experiment's dates."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from scripts.seeds.experiments import DEMOS, SOCKETS, series
from services.experiments.domain import is_baseline
from services.experiments.runchart import SHIFT, Point, analyse, effect

BY_TITLE = {demo.title: demo for demo in [*DEMOS, SOCKETS]}


def chart_of(demo):
    starts_on = date.today() - timedelta(days=demo.starts)
    before, after = series(demo)
    points = [Point(datetime.fromisoformat(at), v, baseline=is_baseline(
        datetime.fromisoformat(at), recorded_before_start=False, starts_on=starts_on))
        for at, v in before + after]
    return analyse(points)


@pytest.mark.parametrize("demo", [*DEMOS, SOCKETS], ids=lambda d: d.title)
def test_baseline_points_fall_before_the_start_date_and_none_in_the_future(demo):
    chart = chart_of(demo)
    assert [p.baseline for p in chart.points] == \
        [True] * len(demo.before) + [False] * len(demo.after)
    assert chart.points[-1].at <= datetime.now(UTC)


def test_the_smed_cart_shows_a_clear_shift_after_the_change():
    demo = BY_TITLE["SMED changeover cart on line 2"]
    chart = chart_of(demo)
    shifts = [s for s in chart.signals if s.kind == SHIFT]
    assert [(s.from_index, s.to_index) for s in shifts] == [(len(demo.before), 17)]
    result = effect(chart, 45, 25, "DECREASE")
    assert result.improved and result.toward_target > 0.7


def test_the_huddle_shows_only_noise():
    chart = chart_of(BY_TITLE["Five-minute quality huddle at shift start"])
    assert chart.signals == ()
    assert chart.useful_observations == 16
