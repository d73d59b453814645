"""Rule sets chosen per experiment, defaulted from an admin's setting and switchable when
reading the chart, on workers of the service."""
from __future__ import annotations

import pytest

from shared.errors import PermissionDenied, ValidationError
from shared.identity import Identity
from tests.unit.experiments.test_entrypoints import MAX, OLIVIA, at, plan

ADMIN = Identity("ada", ("employee", "admin"))
# 8 points below then 8 above the baseline median: a shift under every rule set
SERIES = [10, 11, 10, 11, 10, 11, 10, 11, 20, 21, 20, 21, 20, 21, 20, 21]


def recorded(experiments, **overrides):
    experiment = plan(experiments, **overrides)
    for day, value in enumerate(SERIES):
        experiment = experiments.call("record_measurement", experiment["id"], value, at(day - 6),
                                      identity=MAX)
    return experiment


def test_an_experiment_reads_ihi_out_of_the_box(experiments):
    experiment = recorded(experiments)
    assert experiment["rules"] == "IHI"
    assert {s["kind"] for s in experiment["run_chart"]["signals"]} >= {"SHIFT"}


def test_a_plan_names_its_rule_set_and_a_bad_one_is_a_field_error(experiments):
    assert plan(experiments, rules="NHS")["rules"] == "NHS"
    with pytest.raises(ValidationError) as raised:
        plan(experiments, rules="WESTERN_ELECTRIC")
    assert [e["field"] for e in raised.value.errors] == ["rules"]


def test_the_chart_is_read_under_any_rule_set_on_demand(experiments):
    experiment = recorded(experiments)
    ihi, anhoej, nhs, unknown = experiments.call("get_run_charts", [
        [experiment["id"], None, True], [experiment["id"], "ANHOEJ", True],
        [experiment["id"], "NHS", False], ["nope", "NHS", True]], identity=OLIVIA)
    assert (ihi["rules"], anhoej["rules"], nhs["rules"], unknown) == ("IHI", "ANHOEJ", "NHS",
                                                                      None)
    assert ihi["signals"] == experiment["run_chart"]["signals"]
    assert "LONG_RUN" in {s["kind"] for s in anhoej["signals"]}
    assert "SHIFT" in {s["kind"] for s in nhs["signals"]}
    assert all(s["rule"].startswith("NHS rule") for s in nhs["signals"])
    assert {p["classification"] for p in nhs["points"][8:]} == {"SPECIAL_CAUSE_CONCERN"}


def test_only_an_admin_sets_the_default_and_new_plans_take_it(experiments):
    with pytest.raises(PermissionDenied):
        experiments.call("set_default_rules", "NHS", identity=OLIVIA)
    with pytest.raises(ValidationError):
        experiments.call("set_default_rules", "SIX_SIGMA", identity=ADMIN)
    before = plan(experiments)
    assert experiments.call("set_default_rules", "ANHOEJ", identity=ADMIN) == {
        "default_rules": "ANHOEJ"}
    assert experiments.call("get_chart_settings", identity=OLIVIA) == {
        "default_rules": "ANHOEJ"}
    assert plan(experiments)["rules"] == "ANHOEJ"
    [kept] = experiments.call("get_experiments", [before["id"]], identity=OLIVIA)
    assert kept["rules"] == "IHI"  # a default changes no experiment already planned
