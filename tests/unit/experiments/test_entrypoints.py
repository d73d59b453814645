"""The decisions the experiments entrypoints make, on workers from nameko's worker_factory
with the career and ideas services mocked: who may plan, move, conclude and record, what is
committed (all or nothing), what is emitted. (The broker-backed tier is
tests/integration/experiments.)"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from nameko.exceptions import UnknownService
from sqlalchemy import select

from services.experiments.models import Experiment, Member, StageChange
from shared.errors import Conflict, PermissionDenied, Unauthenticated, ValidationError
from shared.identity import Identity

OLIVIA, MAX = Identity("olivia", ("employee",)), Identity("max", ("employee",))
NINA, MONA = Identity("nina", ("employee",)), Identity("mona", ("employee", "manager"))
STARTS = date.today() - timedelta(days=10)


def fields(**overrides) -> dict:
    return {"title": "SMED cart on line 2", "hypothesis": "Changeovers drop below 25 min",
            "metric": {"name": "Changeover time", "unit": "min", "direction": "DECREASE",
                       "baseline": 45, "target": 25},
            "starts_on": STARTS.isoformat(), "ends_on": date.today().isoformat(),
            "member_ids": ["max"], **overrides}


def plan(experiments, identity=OLIVIA, **overrides) -> dict:
    return experiments.call("plan_experiment", fields(**overrides), identity=identity)


def studied(experiments) -> dict:
    experiment = plan(experiments)
    for method in ("start_experiment", "study_experiment"):
        experiments.call(method, experiment["id"], identity=MAX)
    return experiment


def at(day: int) -> str:
    return datetime.combine(STARTS + timedelta(days=day), datetime.min.time(), UTC).isoformat()


def test_a_plan_is_committed_with_its_owner_first_and_announced(experiments, peers):
    experiment = plan(experiments, member_ids=["max", "olivia"])
    assert experiment["member_ids"] == ["olivia", "max"]
    assert experiments.rows(select(Member.person_id).order_by(Member.position)) == [
        ("olivia",), ("max",)]
    assert experiments.rows(select(StageChange.to_stage)) == [("PLAN",)]
    [event] = experiments.events("experiment_planned")
    assert (event["experiment_id"], event["member_ids"]) == (experiment["id"],
                                                             ["olivia", "max"])
    peers["career_rpc"].get_people.call_async.assert_called_once_with(["max"])


def test_nobody_signed_in_plans_nothing(experiments):
    with pytest.raises(Unauthenticated):
        plan(experiments, identity=None)
    assert experiments.rows(select(Experiment.id)) == []


def test_every_bad_field_and_reference_is_named_at_once_and_nothing_is_stored(experiments):
    with pytest.raises(ValidationError) as raised:
        plan(experiments, title="ab", member_ids=["max", "ghost"], idea_id="merged")
    assert [e["field"] for e in raised.value.errors] == ["title", "memberIds", "ideaId"]
    assert experiments.rows(select(Experiment.id)) == [] and experiments.events() == []


def test_a_directory_that_does_not_answer_is_named_not_guessed(experiments, peers):
    peers["career_rpc"].get_people.call_async.side_effect = UnknownService("career")
    with pytest.raises(ValidationError) as raised:
        plan(experiments)
    assert raised.value.errors == [{"field": "memberIds", "message": "cannot be checked now: "
                                    "the people directory does not answer"}]


def test_members_or_a_manager_move_an_experiment_along(experiments):
    experiment = plan(experiments)
    with pytest.raises(PermissionDenied):
        experiments.call("start_experiment", experiment["id"], identity=NINA)
    assert experiments.call("start_experiment", experiment["id"], identity=MAX)["stage"] == "DO"
    with pytest.raises(Conflict):
        experiments.call("start_experiment", experiment["id"], identity=MAX)
    assert experiments.call("study_experiment", experiment["id"], identity=MONA)["stage"] == \
        "STUDY"
    assert [e["experiment_id"] for e in experiments.events("experiment_started")] == [
        experiment["id"]]


def test_only_the_owner_or_a_manager_concludes_and_only_from_study(experiments):
    experiment = plan(experiments)
    with pytest.raises(Conflict):
        experiments.call("conclude_experiment", experiment["id"], "ADOPT", "x", identity=OLIVIA)
    for method in ("start_experiment", "study_experiment"):
        experiments.call(method, experiment["id"], identity=MAX)
    with pytest.raises(PermissionDenied):
        experiments.call("conclude_experiment", experiment["id"], "ADOPT", "x", identity=MAX)
    done = experiments.call("conclude_experiment", experiment["id"], "ADOPT", "Clamps matter",
                            identity=MONA)
    assert (done["stage"], done["decision"]) == ("CONCLUDED", "ADOPT")
    [event] = experiments.events("experiment_concluded")
    assert (event["decision"], event["follow_up_id"]) == ("ADOPT", None)


def test_an_adapt_decision_plans_its_follow_up_in_the_same_transaction(experiments):
    experiment = studied(experiments)
    with pytest.raises(ValidationError) as raised:
        experiments.call("conclude_experiment", experiment["id"], "ABANDON", "x",
                         follow_up={"title": "Next"}, identity=OLIVIA)
    assert raised.value.errors[0]["field"] == "followUp"
    with pytest.raises(ValidationError) as raised:  # the follow-up's own fields, prefixed
        experiments.call("conclude_experiment", experiment["id"], "ADAPT", "x",
                         follow_up={"title": "ab", "hypothesis": "h"}, identity=OLIVIA)
    assert "followUp.title" in [e["field"] for e in raised.value.errors]
    assert experiments.rows(select(Experiment.stage)) == [("STUDY",)]
    done = experiments.call("conclude_experiment", experiment["id"], "ADAPT", "Half there",
                            follow_up=fields(title="SMED cart, second try", member_ids=None),
                            identity=MONA)
    [follow_up_id] = done["follow_up_ids"]
    [follow_up] = experiments.call("get_experiments", [follow_up_id], identity=NINA)
    assert (follow_up["owner_id"], follow_up["member_ids"], follow_up["previous_id"]) == (
        "olivia", ["olivia", "max"], experiment["id"])
    [event] = experiments.events("experiment_concluded")
    assert event["follow_up_id"] == follow_up_id


def test_a_follow_up_planned_later_continues_only_an_adapted_experiment(experiments):
    experiment = studied(experiments)
    with pytest.raises(ValidationError) as raised:
        plan(experiments, previous_experiment_id=experiment["id"])
    assert raised.value.errors[0]["field"] == "previousExperimentId"
    experiments.call("conclude_experiment", experiment["id"], "ADAPT", "x", identity=OLIVIA)
    with pytest.raises(PermissionDenied):
        plan(experiments, identity=NINA, member_ids=[], previous_experiment_id=experiment["id"])
    follow_up = plan(experiments, identity=MAX, member_ids=[], idea_id=None,
                     previous_experiment_id=experiment["id"])
    assert (follow_up["owner_id"], follow_up["previous_id"]) == ("max", experiment["id"])


def test_members_record_and_the_same_reading_twice_is_one_point(experiments):
    experiment = plan(experiments)
    with pytest.raises(PermissionDenied):
        experiments.call("record_measurement", experiment["id"], 44, at(0), identity=NINA)
    for _ in range(2):
        experiments.call("record_measurement", experiment["id"], 44, at(0), identity=MAX)
    experiments.call("record_measurement", experiment["id"], 40, at(0), identity=OLIVIA)
    assert [(e["value"], e["corrected_from"]) for e in
            experiments.events("measurement_recorded")] == [(44.0, None), (40.0, 44.0)]
    [correction] = experiments.call("get_corrections_of", [experiment["id"]], identity=NINA)[0]
    assert (correction["old_value"], correction["new_value"]) == (44.0, 40.0)


def test_an_import_is_all_or_nothing_and_a_concluded_experiment_is_closed(experiments):
    experiment = studied(experiments)
    with pytest.raises(ValidationError) as raised:
        experiments.call("import_measurements", experiment["id"],
                         f"at,value\n{at(1)},41\n{at(2)},forty", identity=MAX)
    assert [(e["row"], e["field"]) for e in raised.value.errors] == [(3, "value")]
    assert experiments.events("measurement_recorded") == []
    result = experiments.call("import_measurements", experiment["id"],
                              f"{at(1)},41\n{at(2)},39\n{at(2)},39", identity=MAX)
    assert (result["recorded"], result["corrected"], result["unchanged"]) == (2, 0, 0)
    experiments.call("conclude_experiment", experiment["id"], "ADOPT", "x", identity=OLIVIA)
    with pytest.raises(Conflict):
        experiments.call("record_measurement", experiment["id"], 38, at(3), identity=MAX)


def test_a_measurement_that_makes_a_new_signal_announces_it_once(experiments):
    experiment = plan(experiments)
    values = [40, 41, 40, 41, 40, 41, 50, 51, 52, 53, 54, 55]
    for day, value in enumerate(values):
        experiments.call("record_measurement", experiment["id"], value, at(day), identity=MAX)
    signalled = experiments.events("run_chart_signalled")
    assert signalled, "six points above the median are a shift"
    kinds = [(e["kinds"], e["descriptions"]) for e in signalled]
    assert all(e["member_ids"] == ["olivia", "max"] and e["recorded_by"] == "max"
               for e in signalled)
    assert any("SHIFT" in k for k, _ in kinds)
    experiments.call("record_measurement", experiment["id"], 55, at(11), identity=MAX)
    assert len(experiments.events("run_chart_signalled")) == len(signalled)  # nothing new
