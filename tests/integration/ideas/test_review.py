"""Reviewing ideas on a real broker, against SQLite and PostgreSQL: the workflow with its
history and events, who may move and assess, priorities, and merging duplicates."""
from __future__ import annotations

import pytest

from services.ideas.models import StatusChange
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.identity import Identity
from tests.integration.ideas.support import call, events, start_ideas
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.services import count

MANAGER = Identity("55555555-5555-5555-5555-555555555555", ("employee", "manager"), "Office")


@pytest.fixture
def ideas(start_service, make_db):
    return start_ideas(start_service, make_db)


def submit(container, title: str, identity=ANA) -> dict:
    return call(container, "submit_idea", {"title": title}, identity=identity)


def walk(container, idea_id: str, *statuses: str) -> dict:
    idea = None
    for status in statuses:
        reason = "out of scope" if status == "DECLINED" else None
        idea = call(container, "transition_idea", idea_id, status, reason, identity=BEN)
    return idea


def test_the_main_path_is_recorded_in_the_history_and_published(ideas):
    container, url = ideas
    idea = submit(container, "Shadow board for torque wrenches")
    done = walk(container, idea["id"], "IN_REVIEW", "ACCEPTED", "EXPERIMENTING", "IMPLEMENTED")
    assert done["status"] == "IMPLEMENTED"
    [history] = call(container, "get_history_of", [idea["id"]])
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "SUBMITTED"), ("SUBMITTED", "IN_REVIEW"), ("IN_REVIEW", "ACCEPTED"),
        ("ACCEPTED", "EXPERIMENTING"), ("EXPERIMENTING", "IMPLEMENTED")]
    assert {h["changed_by"] for h in history[1:]} == {BEN.user_id}
    changes = events(url, "idea_status_changed")
    assert [(e["from_status"], e["to_status"]) for e in changes] == \
        [(h["from_status"], h["to_status"]) for h in history[1:]]
    assert changes[-1]["author_id"] == ANA.user_id and changes[-1]["changed_by"] == BEN.user_id


def test_an_illegal_move_is_a_conflict_naming_both_states_and_changes_nothing(ideas):
    container, url = ideas
    idea = submit(container, "Shadow board")
    with pytest.raises(Conflict) as raised:
        call(container, "transition_idea", idea["id"], "IMPLEMENTED", identity=BEN)
    assert "SUBMITTED" in raised.value.message and "IMPLEMENTED" in raised.value.message
    with pytest.raises(Conflict) as raised:
        call(container, "transition_idea", idea["id"], "DUPLICATE", identity=BEN)
    assert "mergeIdea" in raised.value.message
    with pytest.raises(ValidationError) as raised:
        call(container, "transition_idea", idea["id"], "LOST", identity=BEN)
    assert raised.value.errors[0]["field"] == "to"
    assert call(container, "get_ideas", [idea["id"]])[0]["status"] == "SUBMITTED"
    assert count(url, StatusChange.__table__) == 1 and events(url, "idea_status_changed") == []


def test_declining_needs_a_reason_and_reopening_needs_a_reviewer(ideas):
    container, _ = ideas
    idea = submit(container, "Paint the floor blue")
    with pytest.raises(ValidationError) as raised:
        call(container, "transition_idea", idea["id"], "DECLINED", "  ", identity=BEN)
    assert raised.value.errors[0]["field"] == "reason"
    declined = call(container, "transition_idea", idea["id"], "DECLINED",
                    "The floor is replaced next year", identity=BEN)
    assert declined["status"] == "DECLINED"
    for person in (ANA, MANAGER):
        with pytest.raises(PermissionDenied):
            call(container, "transition_idea", idea["id"], "IN_REVIEW", identity=person)
    reopened = call(container, "transition_idea", idea["id"], "IN_REVIEW", identity=BEN)
    assert reopened["status"] == "IN_REVIEW"
    [history] = call(container, "get_history_of", [idea["id"]])
    assert history[1]["reason"] == "The floor is replaced next year"


def test_an_employee_cannot_transition_or_assess_even_their_own_idea(ideas):
    container, url = ideas
    idea = submit(container, "Shadow board")
    for person in (ANA, CARLA, MANAGER):
        with pytest.raises(PermissionDenied):
            call(container, "transition_idea", idea["id"], "IN_REVIEW", identity=person)
        with pytest.raises(PermissionDenied):
            call(container, "assess_idea", idea["id"], 5, 1, identity=person)
    stored = call(container, "get_ideas", [idea["id"]])[0]
    assert (stored["status"], stored["impact"], stored["effort"]) == ("SUBMITTED", None, None)
    assert events(url, "idea_status_changed") == []


def test_an_assessment_sets_impact_effort_and_priority(ideas):
    container, _ = ideas
    idea = submit(container, "Shadow board")
    assessed = call(container, "assess_idea", idea["id"], 5, 1, identity=BEN)
    assert (assessed["impact"], assessed["effort"], assessed["priority"]) == (5, 1, 25)
    assert assessed["priority_band"] == "QUICK_WIN" and assessed["assessed_by"] == BEN.user_id
    with pytest.raises(ValidationError) as raised:
        call(container, "assess_idea", idea["id"], 0, 9, identity=BEN)
    assert {e["field"] for e in raised.value.errors} == {"impact", "effort"}
    assert call(container, "get_ideas", [idea["id"]])[0]["priority"] == 25
    with pytest.raises(NotFound):
        call(container, "assess_idea", "missing", 3, 3, identity=ADMIN)


def test_priority_order_puts_quick_wins_first_and_unassessed_last(ideas):
    container, _ = ideas
    scores = {"Major project": (5, 5), "Quick win": (4, 1), "Fill in": (1, 1),
              "Best quick win": (5, 1), "Thankless": (1, 5)}
    for title, (impact, effort) in scores.items():
        idea = submit(container, title)
        call(container, "assess_idea", idea["id"], impact, effort, identity=BEN)
    submit(container, "Not assessed yet")
    page = call(container, "list_ideas", order_by="PRIORITY")
    assert [i["title"] for i in page["items"]] == [
        "Best quick win", "Quick win", "Major project", "Fill in", "Thankless",
        "Not assessed yet"]


def vote(container, idea_id: str, *people: Identity) -> dict:
    idea = None
    for person in people:
        idea = call(container, "vote_idea", idea_id, identity=person)
    return idea


def test_merge_keeps_the_union_of_voters_and_is_idempotent(ideas):
    container, url = ideas
    canonical = submit(container, "Pick-to-light for fast movers")
    duplicate = submit(container, "Lights that show what to pick", identity=CARLA)
    vote(container, canonical["id"], ANA, BEN)
    vote(container, duplicate["id"], BEN, CARLA, MANAGER)
    call(container, "comment_on_idea", duplicate["id"], "Aisle 3 first, please", identity=BEN)
    merged = call(container, "merge_idea", duplicate["id"], canonical["id"], identity=BEN)
    assert merged["status"] == "DUPLICATE" and merged["duplicate_of_id"] == canonical["id"]
    assert merged["vote_count"] == 0 and merged["comment_count"] == 1
    after = call(container, "get_ideas", [canonical["id"]])[0]
    assert after["vote_count"] == 4 and after["duplicate_ids"] == [duplicate["id"]]
    voters = (ANA, BEN, CARLA, MANAGER)
    assert [call(container, "get_votes_of", p.user_id, [canonical["id"], duplicate["id"]],
                 identity=p) for p in voters] == [[True, False]] * 4
    assert call(container, "merge_idea", duplicate["id"], canonical["id"], identity=BEN) == merged
    assert call(container, "get_ideas", [canonical["id"]])[0]["vote_count"] == 4
    assert len(events(url, "idea_merged")) == 1
    [comments] = call(container, "get_comments_of", [duplicate["id"]])
    assert [c["body"] for c in comments] == ["Aisle 3 first, please"]


def test_merges_that_make_no_sense_are_refused(ideas):
    container, url = ideas
    a, b, c = (submit(container, f"Idea {n}") for n in "abc")
    with pytest.raises(PermissionDenied):
        call(container, "merge_idea", a["id"], b["id"], identity=ANA)
    with pytest.raises(ValidationError) as raised:
        call(container, "merge_idea", a["id"], a["id"], identity=BEN)
    assert raised.value.errors[0]["field"] == "intoId"
    with pytest.raises(NotFound) as raised:
        call(container, "merge_idea", a["id"], "missing", identity=BEN)
    assert "merge into" in raised.value.message
    call(container, "merge_idea", a["id"], b["id"], identity=BEN)
    with pytest.raises(Conflict):
        call(container, "merge_idea", a["id"], c["id"], identity=BEN)
    with pytest.raises(Conflict):
        call(container, "merge_idea", c["id"], a["id"], identity=BEN)
    with pytest.raises(Conflict):  # a duplicate takes no votes: they go to the canonical idea
        call(container, "vote_idea", a["id"], identity=CARLA)
    assert len(events(url, "idea_merged")) == 1


def test_duplicates_are_left_out_of_the_listing_unless_asked_for(ideas):
    container, _ = ideas
    a, b = submit(container, "Canonical"), submit(container, "Duplicate")
    call(container, "merge_idea", b["id"], a["id"], identity=BEN)
    assert [i["title"] for i in call(container, "list_ideas")["items"]] == ["Canonical"]
    only = call(container, "list_ideas", filter={"status": "DUPLICATE"})
    assert [i["title"] for i in only["items"]] == ["Duplicate"] and only["total"] == 1
