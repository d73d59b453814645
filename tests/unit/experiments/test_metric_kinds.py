"""Metric kinds: a MEASURE or COUNT point is a value, a PROPORTION or RATE point a numerator
and a denominator; the wrong shape, a denominator of 0 or less and a proportion above 1 are
field errors, and nothing is stored. Recorded and imported on workers of the service."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from services.experiments import csv_import, validation
from services.experiments.models import Measurement
from shared.errors import ValidationError
from tests.unit.experiments.test_entrypoints import MAX, at, plan

NOW = datetime(2026, 3, 10, tzinfo=UTC)
AT = "2026-03-02T08:00:00Z"


def problems(kind, **given) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        validation.measurement(kind, AT, None, NOW, **given)
    return {e["field"]: e["message"] for e in raised.value.errors}


def test_a_proportion_is_its_numerator_over_its_denominator():
    reading = validation.measurement("PROPORTION", AT, None, NOW, numerator=3, denominator=40)
    assert (reading.value, reading.numerator, reading.denominator) == (3 / 40, 3.0, 40.0)
    rate = validation.measurement("RATE", AT, None, NOW, numerator=7, denominator=2.5)
    assert rate.value == pytest.approx(2.8)


def test_a_measure_takes_a_value_as_it_always_did():
    reading = validation.measurement("MEASURE", AT, None, NOW, value=-4.5)
    assert (reading.value, reading.numerator, reading.denominator) == (-4.5, None, None)


@pytest.mark.parametrize(("kind", "given", "expected"), [
    ("PROPORTION", {"value": 0.2}, {"value", "numerator", "denominator"}),
    ("PROPORTION", {"numerator": 3}, {"denominator"}),
    ("RATE", {"denominator": 10}, {"numerator"}),
    ("MEASURE", {"numerator": 1, "denominator": 2}, {"value", "numerator", "denominator"}),
    ("COUNT", {"numerator": 1}, {"value", "numerator"}),
])
def test_the_wrong_shape_names_every_field(kind, given, expected):
    assert set(problems(kind, **given)) == expected


@pytest.mark.parametrize("denominator", [0, -5])
@pytest.mark.parametrize("kind", ["PROPORTION", "RATE"])
def test_a_denominator_of_zero_or_less_is_refused(kind, denominator):
    assert problems(kind, numerator=1, denominator=denominator) == {
        "denominator": f"must be above 0 (it was {denominator:g})"}


def test_a_proportion_cannot_be_above_its_denominator():
    assert problems("PROPORTION", numerator=41, denominator=40) == {
        "numerator": "cannot be above the denominator (40) for a proportion"}
    # a rate can: 41 incidents in 40 hours
    assert validation.measurement("RATE", AT, None, NOW, numerator=41, denominator=40)


def test_counts_are_whole_and_not_negative_and_numerators_not_negative():
    assert set(problems("COUNT", value=2.5)) == {"value"}
    assert set(problems("COUNT", value=-1)) == {"value"}
    assert set(problems("RATE", numerator=-1, denominator=3)) == {"numerator"}


def test_a_plans_metric_kind_defaults_to_measure_and_is_checked():
    errors = validation.FieldErrors()
    metric = validation.metric({"name": "m", "direction": "INCREASE", "baseline": 1,
                                "target": 2}, errors)
    assert (metric.kind, errors.errors) == ("MEASURE", [])
    validation.metric({"name": "m", "direction": "DECREASE", "baseline": 12, "target": 5,
                       "kind": "PROPORTION"}, errors)
    validation.metric({"name": "m", "direction": "INCREASE", "baseline": 1, "target": 2,
                       "kind": "SCORE"}, errors)
    assert {e["field"] for e in errors.errors} == {"metric.baseline", "metric.target",
                                                   "metric.kind"}


def test_csv_rows_of_a_proportion_carry_numerator_and_denominator():
    rows = csv_import.parse("at,numerator,denominator,note\n2026-03-01,3,40,late\n"
                            "2026-03-02,0,38\n", NOW, "PROPORTION")
    assert [(r.numerator, r.denominator, r.value, r.note) for r in rows] == [
        (3.0, 40.0, 3 / 40, "late"), (0.0, 38.0, 0.0, None)]


def test_csv_rows_of_the_wrong_shape_are_named_by_line_and_column():
    with pytest.raises(ValidationError) as raised:
        csv_import.parse("2026-03-01,0.2\n2026-03-02,5,0\n2026-03-03,9,8\n", NOW, "PROPORTION")
    assert [(e["row"], e["field"]) for e in raised.value.errors] == [
        (1, "columns"), (2, "denominator"), (3, "numerator")]


def proportion(experiments):
    return plan(experiments, metric={"name": "Late deliveries", "direction": "DECREASE",
                                     "baseline": 0.2, "target": 0.05, "kind": "PROPORTION"})


def test_a_proportion_experiment_records_both_numbers_and_charts_a_p_chart(experiments):
    experiment = proportion(experiments)
    assert experiment["metric"]["kind"] == "PROPORTION"
    for day, late in enumerate([4, 5, 3, 6]):
        experiment = experiments.call("record_measurement", experiment["id"], None, at(day),
                                      None, late, 50, identity=MAX)
    chart = experiment["run_chart"]
    assert (chart["kind"], chart["rules"]) == ("PROPORTION", "IHI")
    assert chart["centre_line"] == pytest.approx(18 / 200)
    first = chart["points"][0]
    assert (first["numerator"], first["denominator"], first["value"]) == (4, 50, 0.08)
    assert first["upper_limit"] == pytest.approx(0.09 + 3 * (0.09 * 0.91 / 50) ** 0.5)
    assert first["lower_limit"] == 0.0  # 0.09 - 0.121 is below zero


def test_a_bad_proportion_stores_nothing(experiments):
    experiment = proportion(experiments)
    with pytest.raises(ValidationError) as raised:
        experiments.call("record_measurement", experiment["id"], None, at(0), None, 51, 50,
                         identity=MAX)
    assert [e["field"] for e in raised.value.errors] == ["numerator"]
    assert experiments.rows(select(Measurement.id)) == []


def test_a_proportion_imported_from_csv(experiments):
    experiment = proportion(experiments)
    answer = experiments.call("import_measurements", experiment["id"],
                              f"{at(0)},4,50\n{at(1)},6,60\n", identity=MAX)
    assert answer["recorded"] == 2
    points = answer["experiment"]["run_chart"]["points"]
    assert [(p["numerator"], p["denominator"]) for p in points] == [(4, 50), (6, 60)]
