"""The decisions the ideas entrypoints make, on workers from nameko's worker_factory: who
may call, what is committed, what is emitted. (The broker-backed tier is
tests/integration/ideas.)"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from services.ideas.models import Comment, Idea, StatusChange
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from tests.support.identities import ADMIN, ANA, BEN, CARLA

IDEA = {"title": "Label the drawers", "problem": "Parts are hard to find", "tags": ["5S"]}


def submit(ideas, identity=ANA, **fields) -> dict:
    return ideas.call("submit_idea", {**IDEA, **fields}, identity=identity)


def campaign(ideas, starts: int = -5, ends: int = 30) -> dict:
    today = date.today()
    return ideas.call("create_campaign", {
        "title": "Safer aisles", "starts_on": (today + timedelta(days=starts)).isoformat(),
        "ends_on": (today + timedelta(days=ends)).isoformat()}, identity=ADMIN)


def test_a_submission_is_committed_with_its_history_and_announced(ideas):
    idea = submit(ideas)
    assert (idea["status"], idea["author_id"], idea["tags"]) == ("SUBMITTED", ANA.user_id, ["5s"])
    assert ideas.rows(select(Idea.id)) == [(idea["id"],)]
    assert ideas.rows(select(StatusChange.to_status)) == [("SUBMITTED",)]
    [event] = ideas.events("idea_submitted")
    assert (event["idea_id"], event["author_id"], event["tags"]) == (idea["id"], ANA.user_id,
                                                                    ["5s"])


def test_nobody_signed_in_submits_nothing(ideas):
    with pytest.raises(Unauthenticated):
        submit(ideas, identity=None)
    assert ideas.rows(select(Idea.id)) == [] and ideas.events() == []


def test_a_reflection_becomes_one_idea_of_its_author(ideas):
    first = submit(ideas, source_reflection_id="r1")
    assert submit(ideas, source_reflection_id="r1", title="Another title")["id"] == first["id"]
    assert len(ideas.events("idea_submitted")) == 1
    with pytest.raises(ValidationError) as raised:
        submit(ideas, identity=BEN, source_reflection_id="r1")
    assert raised.value.errors[0]["field"] == "sourceReflectionId"


def test_an_idea_for_a_campaign_not_open_is_refused_and_not_stored(ideas):
    later = campaign(ideas, starts=3)
    for campaign_id in (later["id"], "no-such-campaign"):
        with pytest.raises(ValidationError) as raised:
            submit(ideas, campaign_id=campaign_id)
        assert raised.value.errors[0]["field"] == "campaignId"
    assert ideas.rows(select(Idea.id)) == []
    assert submit(ideas, campaign_id=campaign(ideas)["id"])["campaign_id"]


def test_only_the_author_edits_and_the_edit_is_announced(ideas):
    idea = submit(ideas)
    with pytest.raises(PermissionDenied):
        ideas.call("update_idea", idea["id"], {"title": "Mine now"}, identity=BEN)
    edited = ideas.call("update_idea", idea["id"], {"title": "Label every drawer"},
                        identity=ANA)
    assert (edited["title"], edited["problem"]) == ("Label every drawer", IDEA["problem"])
    assert [e["title"] for e in ideas.events("idea_updated")] == ["Label every drawer"]


def test_a_vote_counts_once_and_is_announced_once(ideas):
    idea = submit(ideas)
    for _ in range(2):
        assert ideas.call("vote_idea", idea["id"], identity=BEN)["vote_count"] == 1
    assert [(e["voter_id"], e["voted"]) for e in ideas.events("idea_voted")] == [
        (BEN.user_id, True)]
    assert ideas.call("unvote_idea", idea["id"], identity=BEN)["vote_count"] == 0
    ideas.call("unvote_idea", idea["id"], identity=BEN)
    assert [e["voted"] for e in ideas.events("idea_voted")] == [True, False]


def test_votes_are_closed_on_a_declined_idea(ideas):
    idea = submit(ideas)
    ideas.call("transition_idea", idea["id"], "DECLINED", "out of scope", identity=BEN)
    with pytest.raises(Conflict):
        ideas.call("vote_idea", idea["id"], identity=CARLA)
    assert ideas.events("idea_voted") == []


def test_whom_someone_voted_for_is_theirs_to_ask(ideas):
    idea = submit(ideas)
    ideas.call("vote_idea", idea["id"], identity=BEN)
    assert ideas.call("get_votes_of", BEN.user_id, [idea["id"], "x"], identity=BEN) == [
        True, False]
    assert ideas.call("get_votes_of", BEN.user_id, [idea["id"]], identity=ADMIN) == [True]
    with pytest.raises(PermissionDenied):
        ideas.call("get_votes_of", BEN.user_id, [idea["id"]], identity=ANA)


def test_only_its_author_changes_a_comment(ideas):
    idea = submit(ideas)
    comment = ideas.call("comment_on_idea", idea["id"], " Good point ", identity=BEN)
    [commented] = ideas.events("idea_commented")
    assert (commented["idea_id"], commented["commenter_id"], commented["excerpt"]) == (
        idea["id"], BEN.user_id, "Good point")
    assert commented["author_id"] == idea["author_id"]
    with pytest.raises(PermissionDenied):
        ideas.call("edit_comment", comment["id"], "Hijacked", identity=ANA)
    with pytest.raises(PermissionDenied):
        ideas.call("delete_comment", comment["id"], identity=ADMIN)
    assert ideas.call("edit_comment", comment["id"], "Better point", identity=BEN)["edited"]
    assert ideas.call("delete_comment", comment["id"], identity=BEN) == comment["id"]
    assert ideas.rows(select(Comment.id)) == []
    with pytest.raises(NotFound):
        ideas.call("comment_on_idea", "no-such-idea", "Hello", identity=BEN)


def test_only_admins_run_campaigns_and_closing_twice_keeps_the_first_close(ideas):
    with pytest.raises(PermissionDenied):
        ideas.call("create_campaign", {"title": "Mine", "starts_on": "2026-01-01",
                                       "ends_on": "2026-02-01"}, identity=BEN)
    made = campaign(ideas)
    with pytest.raises(PermissionDenied):
        ideas.call("close_campaign", made["id"], identity=BEN)
    closed = ideas.call("close_campaign", made["id"], identity=ADMIN)
    assert not closed["is_open"]
    assert ideas.call("close_campaign", made["id"], identity=ADMIN)["closed_at"] == \
        closed["closed_at"]
    assert ideas.call("list_campaigns", True, identity=ANA) == []
