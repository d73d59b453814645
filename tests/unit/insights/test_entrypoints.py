"""The insights RPC entrypoints on workers from nameko's worker_factory, with the model and
the career service mocked: who may call, what the input must be, what is committed, and
that recommendations are only ever the caller's own."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from services.insights.models import Dismissal, Document, DuplicateFeedback, Profile
from services.insights.texts import idea_text
from shared.errors import NotFound, PermissionDenied, Unauthenticated, ValidationError
from tests.support.identities import ADMIN, ANA, BEN
from tests.unit.insights.support import TEXT, posted, submitted


@pytest.mark.parametrize("method", ["similar_ideas", "themes", "recommended_opportunities"])
def test_nobody_signed_in_reads_anything(insights, method):
    with pytest.raises(Unauthenticated):
        insights.call(method, *([TEXT] if method == "similar_ideas" else []), identity=None)


def test_a_search_names_every_bad_field(insights):
    with pytest.raises(ValidationError) as raised:
        insights.call("similar_ideas", "   ", 0, identity=ANA)
    assert [e["field"] for e in raised.value.errors] == ["text", "first"]
    with pytest.raises(ValidationError) as raised:
        insights.call("similar_experiments", "x" * 5001, 51, identity=ANA)
    assert [e["field"] for e in raised.value.errors] == ["hypothesis", "first"]


@pytest.mark.parametrize(("method", "most"), [("themes", 100),
                                              ("recommended_opportunities", 50)])
def test_how_many_is_between_1_and_a_limit(insights, method, most):
    for bad in (0, most + 1, "3"):
        with pytest.raises(ValidationError) as raised:
            insights.call(method, bad, identity=ANA)
        assert raised.value.errors == [{"field": "first",
                                        "message": f"must be between 1 and {most}"}]


def test_only_reviewers_recluster(insights):
    insights.handle("on_idea_submitted", submitted())
    with pytest.raises(PermissionDenied):
        insights.call("recluster", identity=ANA)
    assert insights.call("recluster", identity=BEN) == {"themes": 0, "kept": 0, "pooled": 1}
    assert insights.call("recluster", False, identity=ADMIN) == {"created": 0}


def test_only_admins_reindex_and_a_batch_is_checked_whole(insights):
    for method, args in (("begin_reindex", ()), ("index_documents", ("IDEA", [])),
                         ("finish_reindex", (0, ["IDEA"]))):
        with pytest.raises(PermissionDenied):
            insights.call(method, *args, identity=BEN)
    with pytest.raises(ValidationError) as raised:
        insights.call("index_documents", "PERSON", [], identity=ADMIN)
    assert raised.value.errors[0]["field"] == "kind"
    items = [{"id": "i1", "text": TEXT}, {"id": "i2", "text": "x", "embedding": [1.0, 2.0]}]
    with pytest.raises(ValidationError) as raised:
        insights.call("index_documents", "IDEA", items, identity=ADMIN)
    assert raised.value.errors[0]["field"] == "items[1].embedding"
    assert insights.rows(select(Document.id)) == []


def test_a_reindex_retires_what_was_not_pushed_again(insights):
    insights.handle("on_idea_submitted", submitted("gone"))
    rev = insights.call("begin_reindex", identity=ADMIN)["rev"]
    assert insights.call("index_documents", "IDEA", [{"id": "kept", "text": TEXT}],
                         identity=ADMIN) == 1
    assert insights.call("index_documents", "PROFILE", [{"person_id": ANA.user_id,
                                                         "headline": "Lean coach"}],
                         identity=ADMIN) == 1
    result = insights.call("finish_reindex", rev, ["IDEA"], identity=ADMIN)
    assert result["removed"] == 1
    assert insights.rows(select(Document.id, Document.active).order_by(Document.id)) == [
        ("gone", False), ("kept", True)]
    assert insights.rows(select(Profile.headline)) == [("Lean coach",)]


def test_a_reindex_writes_what_changed_beside_the_text_and_nothing_else(insights):
    """Pushed back exactly as held, a document is not written at all (and finishing keeps
    it); a new title, tag or time is written, with its embedding kept."""
    for idea_id in ("same", "retitled", "retagged", "redated"):
        insights.handle("on_idea_submitted", submitted(idea_id))
    held = {r.id: r for r in insights.rows(select(Document))}
    pushed = {i: {"id": i, "title": TEXT, "text": idea_text(TEXT), "status": "SUBMITTED",
                  "author_id": ANA.user_id, "created_at": held[i].created_at.isoformat(),
                  "extra": {"tags": ["5s"]}} for i in held}
    pushed["retitled"]["title"] = "Shadow boards"
    pushed["retagged"]["extra"] = {"tags": ["5s", "tools"]}
    pushed["redated"]["created_at"] = "2026-01-05T09:30:00+00:00"
    rev = insights.call("begin_reindex", identity=ADMIN)["rev"]
    insights.call("index_documents", "IDEA", list(pushed.values()), identity=ADMIN)
    after = {r.id: r for r in insights.rows(select(Document))}
    assert after["same"] == held["same"]  # its revision too: no index reads it again
    assert all(after[i].rev > rev for i in ("retitled", "retagged", "redated"))
    assert all(after[i].embedding == held[i].embedding for i in held)
    assert after["retitled"].title == "Shadow boards"
    assert json.loads(after["retagged"].extra)["tags"] == ["5s", "tools"]
    assert after["redated"].created_at.isoformat() == "2026-01-05T09:30:00+00:00"
    result = insights.call("finish_reindex", rev, ["IDEA"], identity=ADMIN)
    assert result["removed"] == 0 and not result["reclustered"]  # nothing moved


def gap(coverage: float) -> dict:
    lean = {"skill": {"name": "Lean"}}
    return {"coverage": coverage, "matched": [lean] if coverage else [], "under_level": [],
            "missing": [] if coverage else [lean]}


def test_recommendations_leave_out_own_applied_and_dismissed_opportunities(insights, career):
    for opportunity_id, owner in (("own", ANA.user_id), ("applied", BEN.user_id),
                                  ("dismissed", BEN.user_id), ("open", BEN.user_id)):
        insights.handle("on_opportunity_posted", posted(opportunity_id, owner))
    career.my_applications.return_value = [{"opportunity_id": "applied", "status": "OPEN"}]
    career.skill_gaps.side_effect = lambda ids: [gap(1.0) for _ in ids]
    insights.call("not_interested", "dismissed", identity=ANA)
    [best] = insights.call("recommended_opportunities", identity=ANA)
    assert (best["opportunity_id"], best["matched_skills"]) == ("open", ["Lean"])
    assert best["details"][-1].startswith(f"Score {best['score']:.2f}")
    assert not any(r.startswith("Score") for r in best["reasons"])
    career.skill_gaps.assert_called_once_with(["open"])


def test_a_profile_is_encoded_again_only_once_it_changed(insights, career, model, monkeypatch):
    encoded = []
    encode = model.encode
    monkeypatch.setattr(model, "encode", lambda texts, *a: encoded.extend(texts) or encode(texts))
    insights.handle("on_opportunity_posted", posted("o1", BEN.user_id))
    career.skill_gaps.side_effect = lambda ids: [gap(1.0) for _ in ids]
    career.get_profiles.side_effect = lambda ids: [{"headline": "Lean coach", "skills": []}]
    first = insights.call("recommended_opportunities", identity=ANA)
    assert insights.call("recommended_opportunities", identity=ANA) == first
    assert encoded.count("Lean coach") == 1  # the headline, once: asked twice, encoded once
    career.get_profiles.side_effect = lambda ids: [{"headline": "Forklift driver",
                                                    "skills": []}]
    insights.call("recommended_opportunities", identity=ANA)
    assert encoded.count("Forklift driver") == 1 and encoded.count("Lean coach") == 1


def test_an_opportunity_gone_from_career_is_not_recommended(insights, career):
    insights.handle("on_opportunity_posted", posted("o1", BEN.user_id))
    career.skill_gaps.side_effect = lambda ids: [None for _ in ids]
    assert insights.call("recommended_opportunities", identity=ANA) == []


def test_not_interested_is_the_callers_and_is_kept_once(insights):
    with pytest.raises(NotFound):
        insights.call("not_interested", "no-such-opportunity", identity=ANA)
    insights.handle("on_opportunity_posted", posted("o1", BEN.user_id))
    for _ in range(2):
        assert insights.call("not_interested", "o1", identity=ANA) == {
            "opportunity_id": "o1", "not_interested": True}
    assert insights.rows(select(Dismissal.person_id, Dismissal.opportunity_id)) == [
        (ANA.user_id, "o1")]


def test_not_the_same_is_the_callers_kept_once_per_draft_and_read_by_admins_only(insights):
    with pytest.raises(NotFound):
        insights.call("mark_not_duplicate", TEXT, "no-such-idea", identity=ANA)
    with pytest.raises(ValidationError) as raised:
        insights.call("mark_not_duplicate", " ", "i1", identity=ANA)
    assert raised.value.errors[0]["field"] == "text"
    insights.handle("on_idea_submitted", submitted("i1"))
    for _ in range(2):
        assert insights.call("mark_not_duplicate", "Shadow  board for wrenches", "i1",
                             identity=ANA)["idea_id"] == "i1"
    insights.call("mark_not_duplicate", "A second draft", "i1", identity=ANA)
    insights.call("mark_not_duplicate", "A second draft", "i1", identity=BEN)
    assert sorted(insights.rows(select(DuplicateFeedback.person_id, DuplicateFeedback.text))) == [
        (ANA.user_id, "A second draft"), (ANA.user_id, "Shadow board for wrenches"),
        (BEN.user_id, "A second draft")]
    with pytest.raises(PermissionDenied):
        insights.call("not_duplicate_feedback", identity=BEN)
    first = insights.call("not_duplicate_feedback", 2, identity=ADMIN)
    assert first["total"] == 3 and first["has_next"] and len(first["items"]) == 2
    rest = insights.call("not_duplicate_feedback", 2, first["end_cursor"], identity=ADMIN)
    assert len(rest["items"]) == 1 and not rest["has_next"]
    assert {i["idea_text"] for i in first["items"] + rest["items"]} == {f"{TEXT}."}
