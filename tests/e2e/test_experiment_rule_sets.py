"""Through the gateway: a newcomer plans a PROPORTION experiment (late deliveries of
deliveries made), records 24 weeks of numerators and denominators, and reads the p chart with
its limits and a signal under each rule set; a proportion above its denominator is a field
error; only an admin changes the default rule set."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

EMMA = "emma.dubois@kaizen.example"
DEV = "dev.patel@kaizen.example"  # admin

PLAN = """mutation($input: PlanExperimentInput!) { planExperiment(input: $input) {
  __typename ... on Experiment { id rules metric { kind } }
  ... on ValidationError { field message } } }"""
RECORD = """mutation($id: ID!, $at: DateTime!, $n: Float, $d: Float) {
  recordMeasurement(experimentId: $id, at: $at, numerator: $n, denominator: $d) {
  __typename ... on ValidationError { field message } } }"""
CHART = """query($id: ID!, $rules: RuleSet) { experiment(id: $id) { runChart(rules: $rules) {
  kind rules centreLine parts { from to centreLine longestRun longestRunLimit
  crossings crossingsLimit } points { at value numerator denominator centreLine lowerLimit
  upperLimit classification } signals { kind rule fromIndex toIndex description } } } }"""
# late of 60 deliveries a week: 12 weeks around 12, then 12 weeks around 4 after the change
LATE = [12, 14, 11, 13, 12, 10, 13, 12, 14, 11, 12, 13, 5, 4, 6, 3, 4, 5, 4, 3, 5, 4, 6, 4]
START = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(
    weeks=24)


def week(i: int) -> str:
    return (START + timedelta(weeks=i)).isoformat()


def test_a_proportion_experiment_signals_under_every_rule_set(stack):
    emma = stack.token(EMMA)
    starts = (START + timedelta(weeks=12)).date().isoformat()
    planned = stack.gql(PLAN, {"input": {
        "title": "Cross-dock slots booked a day ahead", "hypothesis": "Fewer late deliveries",
        "metric": {"name": "Late deliveries", "direction": "DECREASE", "baseline": 0.2,
                   "target": 0.05, "kind": "PROPORTION"},
        "startsOn": starts, "endsOn": datetime.now(UTC).date().isoformat()}},
        emma)["planExperiment"]
    assert planned["__typename"] == "Experiment", planned
    assert (planned["rules"], planned["metric"]["kind"]) == ("IHI", "PROPORTION")
    started = stack.gql("mutation($id: ID!) { startExperiment(id: $id) { __typename } }",
                        {"id": planned["id"]}, emma)["startExperiment"]
    assert started["__typename"] == "Experiment"  # the weeks before startsOn are baseline
    refused = stack.gql(RECORD, {"id": planned["id"], "at": week(0), "n": 61, "d": 60},
                        emma)["recordMeasurement"]
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "numerator")
    for i, late in enumerate(LATE):
        answer = stack.gql(RECORD, {"id": planned["id"], "at": week(i), "n": late, "d": 60},
                           emma)["recordMeasurement"]
        assert answer["__typename"] == "Experiment", answer
    charts = {rules: stack.gql(CHART, {"id": planned["id"], "rules": rules},
                               emma)["experiment"]["runChart"]
              for rules in ("IHI", "ANHOEJ", "NHS")}
    for rules, chart in charts.items():
        assert (chart["kind"], chart["rules"]) == ("PROPORTION", rules)
        assert abs(chart["centreLine"] - 147 / 720) < 1e-9  # the 12 baseline weeks
        assert chart["signals"], rules
        first = chart["points"][0]
        assert (first["numerator"], first["denominator"]) == (12, 60)
        assert first["lowerLimit"] < first["centreLine"] < first["upperLimit"]
        assert chart["points"][-1]["classification"] == "SPECIAL_CAUSE_IMPROVEMENT"
    assert {s["kind"] for s in charts["IHI"]["signals"]} >= {"SHIFT"}
    assert {s["kind"] for s in charts["ANHOEJ"]["signals"]} >= {"LONG_RUN"}
    assert {s["kind"] for s in charts["NHS"]["signals"]} >= {"SHIFT"}
    long_run = next(s for s in charts["ANHOEJ"]["signals"] if s["kind"] == "LONG_RUN")
    assert "12 points in a row below the centre line" in long_run["description"]
    assert charts["ANHOEJ"]["parts"][0]["longestRunLimit"] == 8  # 24 useful points


def test_only_an_admin_changes_the_default_rule_set(stack):
    change = """mutation($rules: RuleSet!) { setDefaultRuleSet(rules: $rules) { __typename
      ... on DefaultRuleSetChanged { rules } } }"""
    assert stack.gql(change, {"rules": "NHS"}, stack.token(EMMA))["setDefaultRuleSet"][
        "__typename"] == "PermissionDeniedError"
    read = "query { defaultRuleSet }"
    assert stack.gql(read, {}, stack.token(EMMA))["defaultRuleSet"] == "IHI"
    dev = stack.token(DEV)
    try:
        assert stack.gql(change, {"rules": "NHS"}, dev)["setDefaultRuleSet"] == {
            "__typename": "DefaultRuleSetChanged", "rules": "NHS"}
        assert stack.gql(read, {}, stack.token(EMMA))["defaultRuleSet"] == "NHS"
    finally:
        stack.gql(change, {"rules": "IHI"}, dev)
