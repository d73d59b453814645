"""Chart parts: a split marked by the team starts a new part with its own centre line and
limits; a long run on one side proposes one (as the R package runcharter does) but never
applies it."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.experiments import charts
from shared.errors import NotFound, PermissionDenied, ValidationError
from tests.unit.experiments.test_entrypoints import MAX, NINA, at, plan

T0 = datetime(2026, 1, 5, tzinfo=UTC)
BEFORE = [10, 12, 11, 13, 10, 12, 11, 13]
AFTER = [5, 6, 4, 6, 5, 4, 6, 5, 4, 6]


def readings(values, baseline=0):
    return [charts.Reading(T0 + timedelta(days=i), float(v), baseline=i < baseline)
            for i, v in enumerate(values)]


def test_a_split_gives_the_new_level_its_own_centre_line_and_limits():
    rs = readings(BEFORE + AFTER)
    chart = charts.build("MEASURE", "NHS", rs, "DECREASE", [rs[8].at])
    first, second = chart.parts
    assert (first.from_index, first.to_index, second.from_index, second.to_index) == (
        0, 7, 8, 17)
    assert (first.centre_line, second.centre_line) == (11.5, 5.1)
    assert chart.centre_line == 5.1
    assert chart.points[8].centre_line == 5.1 and chart.points[7].centre_line == 11.5
    assert chart.points[8].upper_limit < chart.points[7].upper_limit
    assert chart.signals == ()  # each part is stable around its own level
    assert chart.proposals == ()


def test_without_the_split_a_long_run_proposes_one_and_applies_nothing():
    rs = readings(BEFORE + AFTER, baseline=8)
    chart = charts.build("MEASURE", "IHI", rs, "DECREASE")
    [proposal] = chart.proposals
    assert (proposal.from_index, proposal.at) == (8, rs[8].at)
    assert proposal.description.startswith("10 points in a row below the centre line (11.5)")
    assert len(chart.parts) == 1


@pytest.mark.parametrize(("length", "proposed"), [(10, True), (11, False)])
def test_the_run_length_that_proposes_a_split_is_configurable(length, proposed):
    chart = charts.build("MEASURE", "IHI", readings(BEFORE + AFTER, 8), "DECREASE",
                         propose_after=length)
    assert bool(chart.proposals) is proposed


def test_a_split_before_every_point_or_after_the_last_makes_no_empty_part():
    rs = readings(BEFORE)
    assert len(charts.build("MEASURE", "IHI", rs, "INCREASE",
                            [T0 - timedelta(days=1), T0 + timedelta(days=99)]).parts) == 1


def test_members_split_the_chart_and_remove_the_split(experiments):
    experiment = plan(experiments)
    for day, value in enumerate(BEFORE + AFTER):
        experiments.call("record_measurement", experiment["id"], value, at(day - 9),
                         identity=MAX)
    split = experiments.call("split_run_chart", experiment["id"], at(-1),
                             "Marked bays in use from this week", identity=MAX)
    chart = split["run_chart"]
    assert [(p["from_index"], p["to_index"]) for p in chart["parts"]] == [(0, 7), (8, 17)]
    assert chart["splits"] == [{"at": at(-1), "reason": "Marked bays in use from this week",
                                "split_by": "max"}]
    assert chart["proposed_splits"] == []
    [answer] = experiments.call("get_run_charts", [[experiment["id"], "ANHOEJ", True, 9]],
                                identity=MAX)
    assert len(answer["parts"]) == 2
    again = experiments.call("remove_run_chart_split", experiment["id"], at(-1), identity=MAX)
    assert len(again["run_chart"]["parts"]) == 1
    with pytest.raises(NotFound):
        experiments.call("remove_run_chart_split", experiment["id"], at(-1), identity=MAX)


def test_a_split_needs_a_reason_a_point_before_it_and_a_member(experiments):
    experiment = plan(experiments)
    experiments.call("record_measurement", experiment["id"], 3, at(-2), identity=MAX)
    with pytest.raises(ValidationError) as raised:
        experiments.call("split_run_chart", experiment["id"], at(-3), " ", identity=MAX)
    assert {e["field"] for e in raised.value.errors} == {"at", "reason"}
    with pytest.raises(PermissionDenied):
        experiments.call("split_run_chart", experiment["id"], at(-1), "why", identity=NINA)
