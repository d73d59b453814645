"""Measurements on a real broker, against SQLite and PostgreSQL: the baseline period, the
run chart and effect, idempotent recording with an audit trail of corrections, finite
numbers only, and CSV imports that store all rows or none."""
from __future__ import annotations

import pytest

from services.experiments.models import Correction, Measurement
from shared.errors import Conflict, ValidationError
from tests.integration.experiments.support import (
    call,
    count,
    day,
    events,
    plan,
    run_to_study,
    start_kaizen,
)

BASELINE = [44, 46, 45, 43, 47, 45]  # changeover minutes before the cart
AFTER = [31, 29, 30, 28, 32, 30]  # with the cart: a clear shift down


@pytest.fixture
def kaizen(container_factory, rabbit_config, make_db):
    return start_kaizen(container_factory, rabbit_config, make_db, with_ideas=False)


def record(kaizen, experiment, value, at, note=None, who="max") -> dict:
    return call(kaizen.experiments, "record_measurement", experiment["id"], value, at, note,
                identity=kaizen.people[who])


def test_points_before_the_start_form_the_baseline_and_a_shift_shows(kaizen):
    experiment = plan(kaizen)
    for i, value in enumerate(BASELINE):  # recorded while PLAN, some dated after startsOn
        record(kaizen, experiment, value, day(i - 3))
    call(kaizen.experiments, "start_experiment", experiment["id"],
         identity=kaizen.people["olivia"])
    for i, value in enumerate(AFTER):
        shown = record(kaizen, experiment, value, day(i + 3))
    record(kaizen, experiment, 46, day(-5), "found on the shift log")  # dated before startsOn
    chart = shown["run_chart"]
    assert len(chart["points"]) == 12
    chart = call(kaizen.experiments, "get_experiments", [experiment["id"]],
                 identity=kaizen.people["nina"])[0]["run_chart"]
    assert [p["baseline"] for p in chart["points"]] == [True] * 7 + [False] * 6
    assert chart["points"][0]["note"] == "found on the shift log"
    assert chart["median"] == 45.0
    assert ("SHIFT", 7, 12) in [(s["kind"], s["from_index"], s["to_index"])
                                for s in chart["signals"]]
    effect = call(kaizen.experiments, "get_experiments", [experiment["id"]],
                  identity=kaizen.people["max"])[0]["effect"]
    assert effect["absolute"] == -15.0 and effect["improved"] is True
    assert effect["relative"] == pytest.approx(-100 / 3)
    assert effect["toward_target"] == pytest.approx(0.75)  # 45 → 30 of 45 → 25
    assert len(events(kaizen.url, "measurement_recorded")) == 13


def test_the_same_moment_twice_is_a_no_op_and_another_value_a_kept_correction(kaizen):
    experiment = plan(kaizen)
    record(kaizen, experiment, 44, day(-2))
    record(kaizen, experiment, 44, day(-2))  # a retry
    assert count(kaizen.url, Measurement) == 1
    assert len(events(kaizen.url, "measurement_recorded")) == 1
    corrected = record(kaizen, experiment, 41, day(-2), "stopwatch reset late", who="olivia")
    assert [p["value"] for p in corrected["run_chart"]["points"]] == [41.0]
    record(kaizen, experiment, 41, day(-2))  # no note given: keeps the note, no change
    [[correction]] = call(kaizen.experiments, "get_corrections_of", [experiment["id"]],
                          identity=kaizen.people["nina"])
    assert (correction["old_value"], correction["new_value"], correction["new_note"]) == \
        (44.0, 41.0, "stopwatch reset late")
    assert correction["corrected_by"] == kaizen.people["olivia"].user_id
    assert correction["at"] == day(-2)
    last = events(kaizen.url, "measurement_recorded")[-1]
    assert (last["value"], last["corrected_from"]) == (41.0, 44.0)
    assert count(kaizen.url, Correction) == 1


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "12"])
def test_only_finite_numbers_are_recorded(kaizen, value):
    experiment = plan(kaizen)
    with pytest.raises(ValidationError) as raised:
        record(kaizen, experiment, value, day(-1))
    assert [e["field"] for e in raised.value.errors] == ["value"]
    assert count(kaizen.url, Measurement) == 0


def test_a_csv_with_bad_rows_stores_nothing_and_names_each_row(kaizen):
    experiment = plan(kaizen)
    bad = f"at,value,note\n{day(-3)},44\n{day(-2)},forty\n{day(-1)},NaN\nsoon,43\n{day(0)},45\n"
    with pytest.raises(ValidationError) as raised:
        call(kaizen.experiments, "import_measurements", experiment["id"], bad,
             identity=kaizen.people["max"])
    assert [(e["row"], e["field"]) for e in raised.value.errors] == \
        [(3, "value"), (4, "value"), (5, "at")]
    assert count(kaizen.url, Measurement) == 0 and events(kaizen.url, "measurement_recorded") == []

    good = "".join(f"{day(i - 6)},{v}\n" for i, v in enumerate(BASELINE))
    result = call(kaizen.experiments, "import_measurements", experiment["id"], good,
                  identity=kaizen.people["max"])
    assert (result["recorded"], result["corrected"], result["unchanged"]) == (6, 0, 0)
    assert [p["value"] for p in result["experiment"]["run_chart"]["points"]] == BASELINE
    again = call(kaizen.experiments, "import_measurements", experiment["id"],
                 good.replace(",43\n", ",42,typo fixed\n"), identity=kaizen.people["olivia"])
    assert (again["recorded"], again["corrected"], again["unchanged"]) == (0, 1, 5)
    assert count(kaizen.url, Correction) == 1


def test_measurements_close_when_the_experiment_is_concluded(kaizen):
    experiment = plan(kaizen)
    run_to_study(kaizen, experiment)
    record(kaizen, experiment, 30, day(1))  # late data while STUDY is fine
    call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT", "It works",
         identity=kaizen.people["olivia"])
    with pytest.raises(Conflict, match="CONCLUDED"):
        record(kaizen, experiment, 31, day(2))
    with pytest.raises(Conflict, match="CONCLUDED"):
        call(kaizen.experiments, "import_measurements", experiment["id"], f"{day(2)},31",
             identity=kaizen.people["max"])
