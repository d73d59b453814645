"""The idea follows its experiment: events of the experiments service move it, on a real
broker and against SQLite and PostgreSQL, and a redelivered event changes nothing."""
from __future__ import annotations

import eventlet
import pytest
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_hook

from shared.clock import now
from shared.contracts.experiments import ExperimentConcluded, ExperimentPlanned, ExperimentStarted
from shared.outbox import envelope
from tests.integration.ideas.support import call, events, start_ideas
from tests.support.identities import ANA, BEN

OWNER = "66666666-6666-6666-6666-666666666666"


@pytest.fixture
def ideas(start_service, make_db):
    return start_ideas(start_service, make_db)


def accepted_idea(container, title: str = "Quick changeover kit for line 2") -> dict:
    idea = call(container, "submit_idea", {"title": title})
    for status in ("IN_REVIEW", "ACCEPTED"):
        call(container, "transition_idea", idea["id"], status, identity=BEN)
    return idea


def planned(idea_id: str | None, experiment_id: str = "exp-1") -> dict:
    return envelope("experiment_planned", ExperimentPlanned(
        experiment_id=experiment_id, idea_id=idea_id, title="SMED cart trial",
        hypothesis="Changeovers drop below 20 minutes", owner_id=OWNER, member_ids=[OWNER],
    ).dump(), "experiments")


def started(idea_id: str | None, experiment_id: str = "exp-1") -> dict:
    return envelope("experiment_started", ExperimentStarted(
        experiment_id=experiment_id, idea_id=idea_id, title="SMED cart trial",
        started_at=now().isoformat()).dump(), "experiments")


def concluded(idea_id: str | None, decision: str, experiment_id: str = "exp-1") -> dict:
    return envelope("experiment_concluded", ExperimentConcluded(
        experiment_id=experiment_id, idea_id=idea_id, title="SMED cart trial",
        hypothesis="Changeovers drop below 20 minutes", decision=decision,
        learnings="Fixtures were not the bottleneck; the paperwork was", owner_id=OWNER,
        member_ids=[OWNER], concluded_at=now().isoformat(),
    ).dump(), "experiments")


def handle(container, handler: str, message: dict) -> None:
    with entrypoint_hook(container, handler) as hook:
        hook(message)


def status_of(container, idea_id: str) -> str:
    return call(container, "get_ideas", [idea_id])[0]["status"]


def wait_for(condition, timeout: float = 10.0) -> None:
    with eventlet.Timeout(timeout):
        while not condition():
            eventlet.sleep(0.05)


def test_events_on_the_broker_move_the_idea_to_experimenting_then_implemented(
        ideas, rabbit_config):
    container, url = ideas
    idea = accepted_idea(container)
    dispatch = event_dispatcher(rabbit_config)
    dispatch("experiments", "experiment_planned", planned(idea["id"]))
    dispatch("experiments", "experiment_started", started(idea["id"]))
    wait_for(lambda: status_of(container, idea["id"]) == "EXPERIMENTING")
    dispatch("experiments", "experiment_concluded", concluded(idea["id"], "ADOPT"))
    wait_for(lambda: status_of(container, idea["id"]) == "IMPLEMENTED")
    [links] = call(container, "get_experiment_links_of", [idea["id"]])
    assert [(x["experiment_id"], x["decision"], x["owner_id"]) for x in links] == \
        [("exp-1", "ADOPT", OWNER)]
    assert [e["to_status"] for e in events(url, "idea_status_changed")][-2:] == \
        ["EXPERIMENTING", "IMPLEMENTED"]


def test_a_redelivered_event_changes_nothing(ideas):
    container, url = ideas
    idea = accepted_idea(container)
    message = started(idea["id"])
    handle(container, "on_experiment_started", message)
    handle(container, "on_experiment_started", message)
    [history] = call(container, "get_history_of", [idea["id"]])
    assert [h["to_status"] for h in history].count("EXPERIMENTING") == 1
    conclusion = concluded(idea["id"], "ABANDON")
    handle(container, "on_experiment_concluded", conclusion)
    handle(container, "on_experiment_concluded", conclusion)
    [history] = call(container, "get_history_of", [idea["id"]])
    assert [h["to_status"] for h in history] == \
        ["SUBMITTED", "IN_REVIEW", "ACCEPTED", "EXPERIMENTING", "ACCEPTED"]
    assert len(events(url, "idea_status_changed")) == 4


def test_an_abandoned_experiment_sends_the_idea_back_with_its_learnings(ideas):
    container, _ = ideas
    idea = accepted_idea(container)
    handle(container, "on_experiment_planned", planned(idea["id"]))
    handle(container, "on_experiment_started", started(idea["id"]))
    handle(container, "on_experiment_concluded", concluded(idea["id"], "ABANDON"))
    assert status_of(container, idea["id"]) == "ACCEPTED"
    [[link]] = call(container, "get_experiment_links_of", [idea["id"]])
    assert link["decision"] == "ABANDON" and "paperwork" in link["learnings"]
    [history] = call(container, "get_history_of", [idea["id"]])
    assert history[-1]["changed_by"] == OWNER and "paperwork" in history[-1]["reason"]


def test_an_experiment_never_moves_an_idea_that_waits_for_review(ideas):
    """The bypass closed: an experiment's events move an idea only once a reviewer has
    accepted it, so nobody walks someone's idea to IMPLEMENTED through an experiment."""
    container, url = ideas
    fresh = call(container, "submit_idea", {"title": "Colour-code the cleaning tools"},
                 identity=ANA)
    in_review = call(container, "submit_idea", {"title": "Shadow boards for the tools"},
                     identity=ANA)
    call(container, "transition_idea", in_review["id"], "IN_REVIEW", identity=BEN)
    for n, idea in enumerate((fresh, in_review)):
        handle(container, "on_experiment_started", started(idea["id"], f"exp-{n}"))
        handle(container, "on_experiment_concluded", concluded(idea["id"], "ADOPT", f"exp-{n}"))
    assert status_of(container, fresh["id"]) == "SUBMITTED"
    assert status_of(container, in_review["id"]) == "IN_REVIEW"
    assert len(events(url, "idea_status_changed")) == 1  # the reviewer's move only
    [links] = call(container, "get_experiment_links_of", [fresh["id"]])
    assert [x["decision"] for x in links] == ["ADOPT"]  # the learnings stay linked


def test_a_late_event_moves_an_implemented_idea_nothing_back(ideas):
    container, _ = ideas
    idea = accepted_idea(container)
    handle(container, "on_experiment_concluded", concluded(idea["id"], "ADOPT"))
    assert status_of(container, idea["id"]) == "IMPLEMENTED"
    handle(container, "on_experiment_started", started(idea["id"]))
    handle(container, "on_experiment_concluded", concluded(idea["id"], "ABANDON", "exp-2"))
    assert status_of(container, idea["id"]) == "IMPLEMENTED"
    [history] = call(container, "get_history_of", [idea["id"]])
    assert [h["to_status"] for h in history] == \
        ["SUBMITTED", "IN_REVIEW", "ACCEPTED", "EXPERIMENTING", "IMPLEMENTED"]


def test_a_start_that_arrives_after_the_abandoning_conclusion_moves_nothing(ideas):
    """Started and concluded travel on separate queues: the conclusion decides."""
    container, _ = ideas
    idea = accepted_idea(container)
    start = started(idea["id"])
    handle(container, "on_experiment_concluded", concluded(idea["id"], "ABANDON"))
    handle(container, "on_experiment_started", start)
    assert status_of(container, idea["id"]) == "ACCEPTED"
    [[link]] = call(container, "get_experiment_links_of", [idea["id"]])
    assert link["decision"] == "ABANDON" and link["started_at"]


def test_events_without_a_known_idea_are_ignored(ideas):
    container, url = ideas
    declined = call(container, "submit_idea", {"title": "Paint the floor"})
    call(container, "transition_idea", declined["id"], "DECLINED", "no budget", identity=BEN)
    for idea_id in (None, "no-such-idea", declined["id"]):
        handle(container, "on_experiment_started", started(idea_id))
        handle(container, "on_experiment_concluded", concluded(idea_id, "ADOPT"))
    assert status_of(container, declined["id"]) == "DECLINED"
    assert len(events(url, "idea_status_changed")) == 1
