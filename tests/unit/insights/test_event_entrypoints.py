"""The insights event handlers on workers from nameko's worker_factory, with the model
mocked: each event is applied once, the latest of two events about a document wins whatever
order they arrive in, and what leaves (merged ideas, unshared reflections) leaves for good.
(The broker-backed tier, with the real model, is tests/integration/insights.)"""
from __future__ import annotations

from sqlalchemy import select

from services.insights.models import Document
from shared.clock import now
from shared.contracts.career import OpportunityClosed
from shared.contracts.experiments import ExperimentConcluded
from shared.contracts.ideas import IdeaMerged, IdeaStatusChanged, IdeaUpdated
from shared.contracts.reflections import ReflectionShared, ReflectionUnshared
from tests.support.identities import ANA, BEN
from tests.unit.insights.support import TEXT, message, posted, submitted


def similar(insights, text: str = TEXT) -> list[str]:
    return [h["idea_id"] for h in insights.call("similar_ideas", text, identity=BEN)]


def documents(insights) -> list[tuple]:
    return insights.rows(select(Document.kind, Document.id, Document.active, Document.status)
                         .order_by(Document.kind, Document.id))


def test_a_submitted_idea_is_searchable_and_a_redelivery_changes_nothing(insights):
    sent = submitted()
    insights.handle("on_idea_submitted", sent)
    revs = insights.rows(select(Document.rev))
    insights.handle("on_idea_submitted", sent)
    assert insights.rows(select(Document.rev)) == revs
    [hit] = insights.call("similar_ideas", TEXT, identity=BEN)
    assert (hit["idea_id"], hit["possible_duplicate"]) == ("i1", True)
    assert similar(insights, "Paint the parking lot lines") == []


def test_the_latest_idea_text_wins_whatever_order_the_events_arrive_in(insights):
    update = IdeaUpdated(idea_id="i1", title="Label the drawers", problem="", proposal="",
                         tags=[], author_id=ANA.user_id)
    insights.handle("on_idea_updated", message(update, "ideas", seconds=5))
    insights.handle("on_idea_submitted", submitted(seconds=0))  # older: ignored
    assert insights.rows(select(Document.title)) == [("Label the drawers",)]


def test_a_merge_that_overtakes_the_submission_keeps_the_idea_out(insights):
    insights.handle("on_idea_merged", message(IdeaMerged(
        idea_id="i1", into_id="i2", merged_by=BEN.user_id), "ideas"))
    insights.handle("on_idea_submitted", submitted(seconds=-1))
    insights.handle("on_idea_submitted", submitted("i2", TEXT + " please", seconds=-1))
    assert similar(insights) == ["i2"]
    assert documents(insights)[0] == ("IDEA", "i1", False, "DUPLICATE")


def test_a_status_change_is_kept_by_the_submission_it_overtook(insights):
    insights.handle("on_idea_status_changed", message(IdeaStatusChanged(
        idea_id="i1", title=TEXT, author_id=ANA.user_id, from_status="SUBMITTED",
        to_status="DECLINED", reason="no", changed_by=BEN.user_id,
        changed_at=now().isoformat()), "ideas"))
    insights.handle("on_idea_submitted", submitted(seconds=-1))
    assert documents(insights) == [("IDEA", "i1", True, "DECLINED")]


def shared(seconds: int = 0) -> dict:
    return message(ReflectionShared(reflection_id="r1", author_id=ANA.user_id, team="Assembly",
                                    visibility="TEAM", text="Searching for wrenches again",
                                    tags=[]), "reflections", seconds)


def test_an_unshared_reflection_is_erased_and_its_late_share_ignored(insights):
    insights.handle("on_reflection_shared", shared())
    insights.handle("on_reflection_unshared", message(
        ReflectionUnshared(reflection_id="r1"), "reflections", seconds=1))
    insights.handle("on_reflection_shared", shared(seconds=-5))  # arrives late
    [(text, embedding, active)] = insights.rows(
        select(Document.text, Document.embedding, Document.active))
    assert (text, embedding, active) == ("", b"", False)


def test_a_closed_opportunity_stays_closed_when_its_posting_arrives_late(insights):
    insights.handle("on_opportunity_closed", message(
        OpportunityClosed(opportunity_id="o1"), "career", seconds=1))
    insights.handle("on_opportunity_posted", posted("o1", BEN.user_id))
    assert documents(insights) == [("OPPORTUNITY", "o1", False, "CLOSED")]


def test_a_concluded_experiment_is_offered_with_its_learnings(insights):
    insights.handle("on_experiment_concluded", message(ExperimentConcluded(
        experiment_id="e1", idea_id=None, title="Shadow boards", hypothesis=TEXT,
        decision="ADOPT", learnings="Outlines matter", owner_id=BEN.user_id,
        member_ids=[BEN.user_id], concluded_at=now().isoformat()), "experiments"))
    [found] = insights.call("similar_experiments", TEXT, identity=ANA)
    assert (found["experiment_id"], found["decision"], found["learnings"]) == (
        "e1", "ADOPT", "Outlines matter")


def test_a_declined_idea_is_never_offered_while_one_is_typed(insights):
    # the same text three times: the declined one would be among any two offered
    for idea_id in ("i1", "i2", "i3"):
        insights.handle("on_idea_submitted", submitted(idea_id, TEXT))
    insights.handle("on_idea_status_changed", message(IdeaStatusChanged(
        idea_id="i2", title=TEXT, author_id=ANA.user_id, from_status="SUBMITTED",
        to_status="DECLINED", reason="no", changed_by=BEN.user_id,
        changed_at=now().isoformat()), "ideas", seconds=1))
    found = insights.call("similar_ideas", TEXT, 2, identity=BEN)
    assert sorted(h["idea_id"] for h in found) == ["i1", "i3"]  # still two, none declined
    assert all(h["possible_duplicate"] for h in found)
    insights.handle("on_idea_merged", message(IdeaMerged(
        idea_id="i3", into_id="i1", merged_by=BEN.user_id), "ideas", seconds=2))
    assert similar(insights, TEXT) == ["i1"]
