"""Experiments on ideas, with the real ideas service on the same broker, against SQLite and
PostgreSQL: the idea is checked when planning, follows its experiment through the events,
and an ADAPT decision continues the PDCA chain in a follow-up experiment."""
from __future__ import annotations

import eventlet
import pytest

from shared.errors import PermissionDenied, ValidationError
from tests.integration.experiments.support import (
    call,
    count,
    day,
    events,
    plan,
    plan_fields,
    run_to_study,
    start_kaizen,
)
from tests.support.identities import BEN


@pytest.fixture
def kaizen(container_factory, rabbit_config, make_db):
    return start_kaizen(container_factory, rabbit_config, make_db, with_ideas=True)


def accepted_idea(kaizen) -> dict:
    idea = call(kaizen.ideas, "submit_idea", {"title": "Quick changeover kit for line 2"},
                identity=kaizen.people["olivia"])
    for status in ("IN_REVIEW", "ACCEPTED"):
        call(kaizen.ideas, "transition_idea", idea["id"], status, identity=BEN)
    return idea


def status_of(kaizen, idea_id: str) -> str:
    return call(kaizen.ideas, "get_ideas", [idea_id], identity=BEN)[0]["status"]


def wait_for_status(kaizen, idea_id: str, status: str) -> None:
    """The events travel over the broker: wait (bounded) until the idea has followed."""
    with eventlet.Timeout(20):
        while status_of(kaizen, idea_id) != status:
            eventlet.sleep(0.05)


def test_the_idea_is_checked_and_follows_its_experiment_to_implemented(kaizen):
    with pytest.raises(ValidationError) as raised:
        plan(kaizen, idea_id="00000000-0000-0000-0000-000000000000")
    assert [(e["field"], e["message"]) for e in raised.value.errors] == \
        [("ideaId", "no idea with this id")]
    assert count(kaizen.url) == 0

    idea = accepted_idea(kaizen)
    experiment = plan(kaizen, idea_id=idea["id"])
    assert experiment["idea_id"] == idea["id"]
    call(kaizen.experiments, "start_experiment", experiment["id"],
         identity=kaizen.people["max"])
    wait_for_status(kaizen, idea["id"], "EXPERIMENTING")
    call(kaizen.experiments, "study_experiment", experiment["id"],
         identity=kaizen.people["max"])
    call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT",
         "The cart halves changeovers", identity=kaizen.people["olivia"])
    wait_for_status(kaizen, idea["id"], "IMPLEMENTED")
    [[link]] = call(kaizen.ideas, "get_experiment_links_of", [idea["id"]], identity=BEN)
    assert (link["experiment_id"], link["decision"]) == (experiment["id"], "ADOPT")


def test_adapt_plans_a_follow_up_that_keeps_the_idea_metric_and_members(kaizen):
    idea = accepted_idea(kaizen)
    olivia, max_ = kaizen.people["olivia"], kaizen.people["max"]
    experiment = plan(kaizen, idea_id=idea["id"])
    call(kaizen.experiments, "record_measurement", experiment["id"], 45, day(-2),
         identity=max_)
    run_to_study(kaizen, experiment)
    call(kaizen.experiments, "record_measurement", experiment["id"], 35, day(1),
         identity=max_)
    follow_up = {"title": "Cart plus quick-release clamps",
                 "hypothesis": "Clamps take the last 10 minutes off",
                 "starts_on": day(2)[:10], "ends_on": day(30)[:10]}
    with pytest.raises(ValidationError, match="only an ADAPT decision"):
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT", "Works",
             None, follow_up, identity=olivia)
    with pytest.raises(ValidationError) as raised:
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADAPT", "Works",
             None, {**follow_up, "title": ""}, identity=olivia)
    assert [e["field"] for e in raised.value.errors] == ["followUp.title"]

    done = call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADAPT",
                "Fixtures were fast; clamping is slow", "Line 3", follow_up, identity=olivia)
    [next_id] = done["follow_up_ids"]
    [follow] = call(kaizen.experiments, "get_experiments", [next_id], identity=max_)
    assert (follow["previous_id"], follow["idea_id"], follow["stage"]) == \
        (experiment["id"], idea["id"], "PLAN")
    assert follow["member_ids"] == done["member_ids"] and follow["metric"] == done["metric"]
    assert follow["owner_id"] == olivia.user_id
    [concluded] = events(kaizen.url, "experiment_concluded")
    assert (concluded["follow_up_id"], concluded["idea_id"]) == (next_id, idea["id"])
    assert concluded["effect"] == {"absolute": -10.0, "relative": pytest.approx(-100 / 4.5),
                                   "toward_target": 0.5, "improved": True}
    planned = events(kaizen.url, "experiment_planned")[-1]
    assert (planned["experiment_id"], planned["previous_experiment_id"]) == \
        (next_id, experiment["id"])
    wait_for_status(kaizen, idea["id"], "EXPERIMENTING")


def test_a_follow_up_plan_continues_only_an_adapted_experiment_of_ones_own(kaizen):
    olivia = kaizen.people["olivia"]
    adopted = plan(kaizen)
    run_to_study(kaizen, adopted)
    call(kaizen.experiments, "conclude_experiment", adopted["id"], "ADOPT", "Works",
         identity=olivia)
    with pytest.raises(ValidationError) as raised:
        plan(kaizen, previous_experiment_id=adopted["id"])
    assert raised.value.errors[0]["field"] == "previousExperimentId"
    assert "this one is CONCLUDED with ADOPT" in raised.value.errors[0]["message"]

    adapted = plan(kaizen)
    run_to_study(kaizen, adapted)
    call(kaizen.experiments, "conclude_experiment", adapted["id"], "ADAPT", "Half there",
         identity=olivia)
    with pytest.raises(PermissionDenied):
        plan(kaizen, owner="nina", members=(), previous_experiment_id=adapted["id"])
    follow = plan(kaizen, owner="max", members=(), previous_experiment_id=adapted["id"])
    assert follow["previous_id"] == adapted["id"]
    [again] = call(kaizen.experiments, "get_experiments", [adapted["id"]], identity=olivia)
    assert again["follow_up_ids"] == [follow["id"]]


def test_an_experiment_links_only_to_an_accepted_idea_planned_by_its_author_or_a_reviewer(
        kaizen):
    """The workflow bypass closed: nobody plans, runs and adopts an experiment on an idea
    no reviewer has accepted, nor on someone else's idea without a reviewer's or manager's
    role; and a refused plan leaves nothing behind."""
    olivia = kaizen.people["olivia"]
    fresh = call(kaizen.ideas, "submit_idea", {"title": "Shadow boards"}, identity=olivia)
    for who in ("olivia", "nina"):
        with pytest.raises(ValidationError) as raised:
            plan(kaizen, owner=who, members=(), idea_id=fresh["id"])
        [(field, message)] = [(e["field"], e["message"]) for e in raised.value.errors]
        assert field == "ideaId" and "is SUBMITTED" in message and "ACCEPTED" in message
    call(kaizen.ideas, "transition_idea", fresh["id"], "IN_REVIEW", identity=BEN)
    with pytest.raises(ValidationError, match="is IN_REVIEW"):
        plan(kaizen, idea_id=fresh["id"])

    idea = accepted_idea(kaizen)
    with pytest.raises(PermissionDenied, match="author, a reviewer or a manager"):
        plan(kaizen, owner="nina", members=(), idea_id=idea["id"])
    assert count(kaizen.url) == 0
    assert plan(kaizen, owner="mona", members=(), idea_id=idea["id"])["idea_id"] == idea["id"]
    by_reviewer = call(kaizen.experiments, "plan_experiment",
                       {**plan_fields(), "idea_id": idea["id"]}, identity=BEN)
    assert by_reviewer["idea_id"] == idea["id"]
    assert status_of(kaizen, fresh["id"]) == "IN_REVIEW"
