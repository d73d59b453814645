"""The review entrypoints on workers from nameko's worker_factory: the role is asked first
(before the input or the idea), a refused move commits nothing, a merge is announced once.
And the experiment event handlers: the idea follows its experiment, once per event."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from services.ideas.models import ExperimentLink, StatusChange
from shared.clock import now
from shared.contracts.experiments import ExperimentConcluded, ExperimentStarted
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.identity import Identity
from shared.outbox import envelope
from tests.support.identities import ADMIN, ANA, BEN


def submit(ideas, title: str = "Label the drawers") -> dict:
    return ideas.call("submit_idea", {"title": title}, identity=ANA)


def moves(ideas) -> list[tuple[str, str]]:
    return [(e["from_status"], e["to_status"]) for e in ideas.events("idea_status_changed")]


@pytest.mark.parametrize(("method", "args"), [
    ("transition_idea", ("no-such-idea", "NOT-A-STATUS")),
    ("assess_idea", ("no-such-idea", 9, 9)),
    ("merge_idea", ("no-such-idea", "no-such-idea")),
])
def test_an_employee_is_refused_before_the_input_or_the_idea_is_looked_at(ideas, method, args):
    with pytest.raises(PermissionDenied) as raised:
        ideas.call(method, *args, identity=ANA)
    assert "reviewer role" in raised.value.message


def test_a_reviewer_moves_an_idea_and_the_move_is_announced(ideas):
    idea = submit(ideas)
    with pytest.raises(ValidationError) as raised:
        ideas.call("transition_idea", idea["id"], "LOST", identity=BEN)
    assert raised.value.errors[0]["field"] == "to"
    with pytest.raises(NotFound):
        ideas.call("transition_idea", "no-such-idea", "IN_REVIEW", identity=BEN)
    assert ideas.call("transition_idea", idea["id"], "IN_REVIEW", identity=BEN)["status"] == \
        "IN_REVIEW"
    assert moves(ideas) == [("SUBMITTED", "IN_REVIEW")]


def test_a_refused_move_commits_nothing(ideas):
    idea = submit(ideas)
    with pytest.raises(Conflict):
        ideas.call("transition_idea", idea["id"], "IMPLEMENTED", identity=BEN)
    with pytest.raises(ValidationError):  # declining needs a reason
        ideas.call("transition_idea", idea["id"], "DECLINED", identity=ADMIN)
    assert moves(ideas) == []
    assert ideas.rows(select(StatusChange.to_status)) == [("SUBMITTED",)]


def test_an_assessment_sets_the_priority_but_never_on_a_duplicate(ideas):
    idea, other = submit(ideas), submit(ideas, "Label the shelves")
    assessed = ideas.call("assess_idea", idea["id"], 5, 1, identity=BEN)
    assert (assessed["priority"], assessed["priority_band"], assessed["assessed_by"]) == (
        25, "QUICK_WIN", BEN.user_id)
    ideas.call("merge_idea", other["id"], idea["id"], identity=BEN)
    with pytest.raises(Conflict):
        ideas.call("assess_idea", other["id"], 3, 3, identity=BEN)


def test_a_merge_is_made_and_announced_once(ideas):
    duplicate, into = submit(ideas), submit(ideas, "Label the shelves")
    ideas.call("vote_idea", duplicate["id"], identity=BEN)
    for _ in range(2):
        merged = ideas.call("merge_idea", duplicate["id"], into["id"], identity=BEN)
        assert (merged["status"], merged["duplicate_of_id"]) == ("DUPLICATE", into["id"])
    assert [(e["idea_id"], e["into_id"]) for e in ideas.events("idea_merged")] == [
        (duplicate["id"], into["id"])]
    assert moves(ideas) == [("SUBMITTED", "DUPLICATE")]
    assert ideas.call("get_ideas", [into["id"]], identity=ANA)[0]["vote_count"] == 1


def test_a_merge_names_what_is_wrong(ideas):
    idea = submit(ideas)
    with pytest.raises(ValidationError) as raised:
        ideas.call("merge_idea", idea["id"], idea["id"], identity=BEN)
    assert raised.value.errors[0]["field"] == "intoId"
    with pytest.raises(NotFound) as raised:
        ideas.call("merge_idea", idea["id"], "no-such-idea", identity=BEN)
    assert "the idea to merge into" in raised.value.message


def started(idea_id: str, experiment_id: str = "e1") -> dict:
    return envelope("experiment_started", ExperimentStarted(
        experiment_id=experiment_id, idea_id=idea_id, title="SMED cart",
        started_at=now().isoformat()).dump(), "experiments")


def concluded(idea_id: str, decision: str, experiment_id: str = "e1") -> dict:
    return envelope("experiment_concluded", ExperimentConcluded(
        experiment_id=experiment_id, idea_id=idea_id, title="SMED cart", hypothesis="h",
        decision=decision, learnings="Clamps matter", owner_id=BEN.user_id,
        member_ids=[BEN.user_id], concluded_at=now().isoformat()).dump(), "experiments")


def accepted(ideas) -> dict:
    idea = submit(ideas)
    for status in ("IN_REVIEW", "ACCEPTED"):
        ideas.call("transition_idea", idea["id"], status, identity=BEN)
    return idea


def test_a_started_experiment_walks_the_idea_to_experimenting_once(ideas):
    idea = accepted(ideas)
    message = started(idea["id"])
    for _ in range(2):  # redelivered: claimed already, nothing changes
        ideas.handle("on_experiment_started", message)
    assert moves(ideas) == [("SUBMITTED", "IN_REVIEW"), ("IN_REVIEW", "ACCEPTED"),
                            ("ACCEPTED", "EXPERIMENTING")]
    assert ideas.rows(select(ExperimentLink.experiment_id)) == [("e1",)]


@pytest.mark.parametrize(("decision", "status"), [
    ("ADOPT", "IMPLEMENTED"), ("ABANDON", "ACCEPTED"), ("ADAPT", "EXPERIMENTING")])
def test_a_conclusion_moves_the_idea_by_its_decision(ideas, decision, status):
    idea = accepted(ideas)
    ideas.handle("on_experiment_started", started(idea["id"]))
    ideas.handle("on_experiment_concluded", concluded(idea["id"], decision))
    assert ideas.call("get_ideas", [idea["id"]], identity=ANA)[0]["status"] == status
    [link] = ideas.call("get_experiment_links_of", [idea["id"]], identity=ANA)[0]
    assert (link["decision"], link["learnings"]) == (decision, "Clamps matter")


def test_a_start_that_arrives_after_the_conclusion_moves_nothing(ideas):
    idea = accepted(ideas)
    ideas.handle("on_experiment_concluded", concluded(idea["id"], "ABANDON"))
    before = moves(ideas)
    ideas.handle("on_experiment_started", started(idea["id"]))
    assert moves(ideas) == before
    assert ideas.call("get_ideas", [idea["id"]], identity=ANA)[0]["status"] == "ACCEPTED"


@pytest.mark.parametrize("waiting", ["SUBMITTED", "IN_REVIEW"])
def test_an_experiment_never_moves_an_idea_no_reviewer_accepted(ideas, waiting):
    idea = submit(ideas)
    if waiting == "IN_REVIEW":
        ideas.call("transition_idea", idea["id"], waiting, identity=BEN)
    before = moves(ideas)
    ideas.handle("on_experiment_started", started(idea["id"]))
    ideas.handle("on_experiment_concluded", concluded(idea["id"], "ADOPT"))
    assert moves(ideas) == before
    assert ideas.call("get_ideas", [idea["id"]], identity=ANA)[0]["status"] == waiting


def test_an_event_about_an_unknown_idea_is_claimed_and_changes_nothing(ideas):
    ideas.handle("on_experiment_started", started("no-such-idea"))
    assert ideas.rows(select(ExperimentLink.experiment_id)) == [] and moves(ideas) == []


REVIEWER_TWO = Identity("55555555-5555-5555-5555-555555555555", ("employee", "reviewer"))


@pytest.mark.parametrize(("method", "args"), [
    ("transition_idea", ("ACCEPTED",)),
    ("transition_idea", ("DECLINED", "not worth it")),
    ("assess_idea", (5, 1)),
])
def test_a_reviewer_does_not_decide_on_their_own_idea_unless_an_admin_allows_it(
        ideas, method, args):
    """Separation of duties: who submitted an idea does not accept, decline or assess it."""
    idea = ideas.call("submit_idea", {"title": "Label the drawers"}, identity=BEN)
    ideas.call("transition_idea", idea["id"], "IN_REVIEW", identity=BEN)  # a step, no decision
    with pytest.raises(PermissionDenied) as raised:
        ideas.call(method, idea["id"], *args, identity=BEN)
    assert "their own idea" in raised.value.message
    assert ideas.call("get_ideas", [idea["id"]], identity=BEN)[0]["status"] == "IN_REVIEW"
    other = ideas.call("submit_idea", {"title": "Label the shelves"}, identity=BEN)
    ideas.call("transition_idea", other["id"], "IN_REVIEW", identity=BEN)
    ideas.call(method, other["id"], *args, identity=REVIEWER_TWO)  # another reviewer does

    with pytest.raises(PermissionDenied):
        ideas.call("change_review_settings", True, identity=BEN)
    with pytest.raises(ValidationError) as raised:
        ideas.call("change_review_settings", "yes", identity=ADMIN)
    assert raised.value.errors[0]["field"] == "allowSelfReview"
    settings = ideas.call("change_review_settings", True, identity=ADMIN)
    assert settings["allow_self_review"] is True and settings["changed_by"] == ADMIN.user_id
    assert ideas.call("get_review_settings", identity=ANA)["allow_self_review"] is True
    ideas.call(method, idea["id"], *args, identity=BEN)  # a small team's reviewer may now


def test_the_review_settings_default_to_separation_of_duties(ideas):
    assert ideas.call("get_review_settings", identity=ANA) == \
        {"allow_self_review": False, "changed_by": None, "changed_at": None}
