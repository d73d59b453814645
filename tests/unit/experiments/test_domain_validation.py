"""Input rules of the experiments service: plans, conclusions, measurements and CSV imports
name every bad field (and row) at once."""
from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import pytest

from services.experiments import csv_import, validation
from services.experiments.validation import Conclusion, ExperimentFilter, Plan, Reading
from shared.errors import FieldErrors, ValidationError

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def plan(**overrides) -> tuple[Plan, list[dict]]:
    fields = {"title": "  SMED cart   on line 2 ", "hypothesis": "Changeovers drop",
              "metric": {"name": "Changeover time", "unit": "min", "direction": "DECREASE",
                         "baseline": 45, "target": 25},
              "starts_on": "2026-03-02", "ends_on": "2026-03-30", "member_ids": ["a", "b", "a"],
              **overrides}
    errors = FieldErrors()
    clean = validation.plan(fields, errors)
    return clean, errors.errors


def fields_of(errors: list[dict]) -> list[str]:
    return [e["field"] for e in errors]


def measurement(value, at, note, now):
    return validation.measurement("MEASURE", at, note, now, value=value)


def test_a_good_plan_is_cleaned():
    clean, errors = plan()
    assert errors == []
    assert clean.title == "SMED cart on line 2"
    assert asdict(clean.metric) == {"name": "Changeover time", "unit": "min",
                                    "direction": "DECREASE", "baseline": 45.0, "target": 25.0,
                                    "kind": "MEASURE"}
    assert clean.member_ids == ["a", "b"]
    assert (clean.idea_id, clean.previous_id) == (None, None)


@pytest.mark.parametrize(("direction", "baseline", "target", "ok"), [
    ("INCREASE", 10, 12, True), ("INCREASE", 10, 10, False), ("INCREASE", 10, 8, False),
    ("DECREASE", 10, 8, True), ("DECREASE", 10, 10, False), ("DECREASE", 10, 12, False),
])
def test_the_target_lies_on_the_side_the_metric_should_move(direction, baseline, target, ok):
    _, errors = plan(metric={"name": "m", "direction": direction, "baseline": baseline,
                             "target": target})
    assert fields_of(errors) == ([] if ok else ["metric.target"])
    if not ok:
        side = "above" if direction == "INCREASE" else "below"
        assert errors[0]["message"] == (f"must be {side} the baseline (10) "
                                        f"for a metric to {direction}")


def test_every_bad_field_is_named_at_once():
    _, errors = plan(title="ab", hypothesis=" ", starts_on="2026-03-30", ends_on="2026-03-01",
                     member_ids="ana", idea_id=7,
                     metric={"name": "", "direction": "UP", "baseline": float("nan"),
                             "target": True})
    assert sorted(fields_of(errors)) == sorted([
        "title", "hypothesis", "metric.name", "metric.baseline", "metric.target",
        "metric.direction", "endsOn", "memberIds", "ideaId"])


def test_dates_must_be_dates_and_ordered():
    assert fields_of(plan(starts_on="next week", ends_on=None)[1]) == ["startsOn", "endsOn"]
    assert plan(starts_on="2026-03-02", ends_on="2026-03-02")[1] == []


def test_a_missing_metric_and_huge_numbers_are_refused():
    assert fields_of(plan(metric=None)[1])[0] == "metric"
    _, errors = plan(metric={"name": "m", "direction": "INCREASE", "baseline": 0,
                             "target": 10**400})
    assert fields_of(errors) == ["metric.target"]


def test_conclusion_needs_learnings_and_a_known_decision():
    with pytest.raises(ValidationError) as raised:
        validation.conclusion("KEEP", "  ", "x" * 3000)
    assert fields_of(raised.value.errors) == ["decision", "learnings", "whereElse"]
    assert validation.conclusion("ADAPT", " Clamps matter ", " ") == Conclusion(
        decision="ADAPT", learnings="Clamps matter", where_else=None)


def test_only_an_adapt_decision_has_a_follow_up():
    assert validation.follow_up("ADAPT", {"title": "Next"}) == {"title": "Next"}
    assert validation.follow_up("ABANDON", None) is None
    with pytest.raises(ValidationError) as raised:
        validation.follow_up("ADOPT", {})
    assert fields_of(raised.value.errors) == ["followUp"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), "3", None, True])
def test_measurements_are_finite_numbers(value):
    with pytest.raises(ValidationError) as raised:
        measurement(value, "2026-03-02T08:00:00Z", None, NOW)
    assert fields_of(raised.value.errors) == ["value"]


def test_measurement_times_are_utc_and_not_in_the_future():
    clean = measurement(3, "2026-03-02T09:00:00+01:00", " ok ", NOW)
    assert clean == Reading(value=3.0, at=datetime(2026, 3, 2, 8, tzinfo=UTC), note="ok")
    assert measurement(3, "2026-03-02", None, NOW).at == \
        datetime(2026, 3, 2, tzinfo=UTC)
    for bad in ("2026-03-25T00:00:00Z", "yesterday"):
        with pytest.raises(ValidationError) as raised:
            measurement(3, bad, None, NOW)
        assert fields_of(raised.value.errors) == ["at"]


def test_listing_filter():
    assert validation.listing({"stage": "DO", "idea_id": "", "member_id": None}) == \
        ExperimentFilter(stage="DO")
    with pytest.raises(ValidationError):
        validation.listing({"stage": "DOING"})


# --- CSV import ----------------------------------------------------------------


def rows_of(text: str) -> list[tuple]:
    return [(r.line, r.at.isoformat(), r.value, r.note) for r in csv_import.parse(text, NOW)]


def row_errors(text: str) -> list[tuple]:
    with pytest.raises(ValidationError) as raised:
        csv_import.parse(text, NOW)
    return [(e.get("row"), e["field"], e["message"]) for e in raised.value.errors]


def test_csv_with_header_blank_lines_and_notes():
    text = ("\ufeffat,value,note\n2026-03-02T08:00:00Z,41.5,first shift\n\n"
            "2026-03-03, 40 \n2026-03-03,40\n\"2026-03-04T08:00:00+01:00\",39,\"cart, v2\"\n")
    assert rows_of(text) == [
        (2, "2026-03-02T08:00:00+00:00", 41.5, "first shift"),
        (4, "2026-03-03T00:00:00+00:00", 40.0, None),
        (6, "2026-03-04T07:00:00+00:00", 39.0, "cart, v2"),
    ]


def test_every_bad_row_is_reported_with_its_line_and_column():
    text = ("at,value\n2026-03-02,41\nMonday,40\n2026-03-04,n/a\n2026-03-05,nan\n"
            "2026-03-06\n2026-03-07,1,2,3\n2026-04-30,5\n2026-03-02,42\n2026-03-08,\n")
    assert row_errors(text) == [
        (3, "at", "must be a date and time (ISO 8601, e.g. 2026-03-02T08:00:00Z)"),
        (4, "value", "'n/a' is not a number"),
        (5, "value", "must be a finite number"),
        (6, "columns", "expected at,value[,note]; found 1 columns"),
        (7, "columns", "expected at,value[,note]; found 4 columns"),
        (8, "at", "cannot be in the future"),
        (9, "at", "the same time as row 2 with another value or note"),
        (10, "value", "is required"),
    ]


def test_the_same_row_twice_counts_once():
    assert [r[0] for r in rows_of("2026-03-02,41\n2026-03-02,41\n2026-03-03,40\n")] == [1, 3]


@pytest.mark.parametrize("text", ["", "  \n", "at,value\n", None])
def test_an_empty_csv_is_refused(text):
    assert row_errors(text)[0][:2] == (None, "csv")


def test_a_huge_csv_is_refused():
    text = "".join(f"2026-01-01T00:00:{i % 60:02d}.{i:06d}Z,1\n" for i in range(2001))
    assert row_errors(text) == [(None, "csv", "at most 2000 rows per import")]
