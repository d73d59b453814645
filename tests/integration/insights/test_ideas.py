"""The insights service on a real broker with the real sentence model, against SQLite and
PostgreSQL: duplicates flagged while an idea is typed, themes that keep their ids, merged
ideas left out (also when the merge overtakes the submission), and the service answering
while it encodes a large batch."""
from __future__ import annotations

import eventlet
import pytest
from sqlalchemy import create_engine, select, update

from services.insights.encoder import Encoder
from services.insights.models import Document
from services.insights.service import InsightsService
from shared.clock import now
from shared.contracts.ideas import IdeaMerged, IdeaStatusChanged, IdeaSubmitted, IdeaUpdated
from shared.errors import PermissionDenied, Unauthenticated, ValidationError
from shared.outbox import envelope
from tests.integration.insights.support import (
    CANTEEN,
    CHANGEOVER,
    JOINS_CHANGEOVER,
    NOISE,
    PARAPHRASE,
    TOOLS,
    UNRELATED,
    call,
    submit,
    submitted,
    theme_ids,
)
from tests.support.identities import ADMIN, ANA, BEN
from tests.support.services import handle


def test_a_paraphrase_is_a_possible_duplicate_and_an_unrelated_idea_is_not(insights):
    container, _ = insights
    [tools] = submit(container, [TOOLS], "tools")
    [canteen] = submit(container, CANTEEN[:1], "canteen")
    found = call(container, "similar_ideas", PARAPHRASE, first=5)
    assert found[0]["idea_id"] == tools and found[0]["possible_duplicate"] is True
    assert canteen not in [f["idea_id"] for f in found if f["possible_duplicate"]]
    unrelated = call(container, "similar_ideas", UNRELATED)
    assert not any(f["possible_duplicate"] for f in unrelated)


def test_an_idea_indexed_before_words_were_stored_is_encoded_on_its_first_re_score_only(
        insights, monkeypatch):
    container, url = insights
    [tools] = submit(container, [TOOLS], "tools")
    flagged = call(container, "similar_ideas", PARAPHRASE, first=5)
    engine = create_engine(url)
    with engine.begin() as conn:  # as migration i19_0002 leaves an older row
        conn.execute(update(Document).values(words=None))
    encoded: list[list[str]] = []
    real_run = Encoder._run
    monkeypatch.setattr(Encoder, "_run", lambda self, texts, *a, **k: encoded.append(
        list(texts)) or real_run(self, texts, *a, **k))
    assert call(container, "similar_ideas", PARAPHRASE, first=5) == flagged
    assert encoded[0] == [PARAPHRASE] and len(encoded) == 2  # the draft, then the idea
    with engine.connect() as conn:
        assert conn.scalar(select(Document.words).where(Document.id == tools))
    engine.dispose()
    assert call(container, "similar_ideas", PARAPHRASE, first=5) == flagged
    assert encoded[2:] == [[PARAPHRASE]]  # stored the first time


def test_a_paraphrase_in_other_words_is_flagged_and_a_sibling_task_is_not(insights):
    """The duplicate score (cosine and word alignment): the same record-keeping said in
    other words is a possible duplicate (its cosine, 0.62, was below the old threshold),
    the same words about another task of the family are not."""
    container, _ = insights
    [records] = submit(container, [("Keep records of the forklift inspections", "")], "records")
    [paraphrase] = call(container, "similar_ideas", "Log every forklift check in a register")
    assert paraphrase["idea_id"] == records and paraphrase["possible_duplicate"] is True
    assert paraphrase["score"] < 0.70
    [sibling] = call(container, "similar_ideas", "Keep records of the forklift battery charging")
    assert sibling["idea_id"] == records and sibling["possible_duplicate"] is False


def test_merged_ideas_are_never_offered_and_events_are_idempotent(insights):
    container, url = insights
    message = submitted("dup-1", *TOOLS)
    handle(container, "on_idea_submitted", message)
    handle(container, "on_idea_submitted", message)  # redelivered: no second row, no error
    assert [f["idea_id"] for f in call(container, "similar_ideas", PARAPHRASE)] == ["dup-1"]
    merged = envelope("idea_merged", IdeaMerged(idea_id="dup-1", into_id="other",
                                                merged_by=BEN.user_id).dump(), "ideas")
    handle(container, "on_idea_merged", merged)
    assert call(container, "similar_ideas", PARAPHRASE) == []
    assert call(container, "theme_of_ideas", ["dup-1"]) == [None]
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Document.id, Document.active)).all()
    engine.dispose()
    assert rows == [("dup-1", False)]


def test_events_that_overtake_the_submission_are_not_lost(insights):
    """Submissions, edits, merges and status changes travel on separate queues: a merge
    handled before the submission it merges keeps the idea out, a status change stays,
    and the latest text wins."""
    container, url = insights

    def event(contract) -> dict:
        return envelope(contract.event_type, contract.dump(), "ideas")

    def idea(idea_id: str, title: str, problem: str, contract=IdeaSubmitted) -> dict:
        extra = {"created_at": now().isoformat()} if contract is IdeaSubmitted else {}
        return event(contract(idea_id=idea_id, title=title, problem=problem, proposal="",
                              tags=[], author_id=ANA.user_id, **extra))

    in_order = [
        idea("merged", *TOOLS),
        event(IdeaMerged(idea_id="merged", into_id="other", merged_by=BEN.user_id)),
        idea("reviewed", *CANTEEN[0]),
        event(IdeaStatusChanged(idea_id="reviewed", title=CANTEEN[0][0],
                                author_id=ANA.user_id, from_status="SUBMITTED",
                                to_status="IN_REVIEW", changed_by=BEN.user_id,
                                changed_at=now().isoformat())),
        idea("edited", *CANTEEN[1]),
        idea("edited", *NOISE[0], contract=IdeaUpdated),
    ]
    handlers = {"idea_submitted": "on_idea_submitted", "idea_merged": "on_idea_merged",
                "idea_status_changed": "on_idea_status_changed",
                "idea_updated": "on_idea_updated"}
    for message in reversed(in_order):
        handle(container, handlers[message["event_type"]], message)

    assert "merged" not in [f["idea_id"] for f in call(container, "similar_ideas", PARAPHRASE)]
    assert call(container, "similar_ideas", CANTEEN[0][1])[0]["idea_id"] == "reviewed"
    assert call(container, "similar_ideas", NOISE[0][1])[0]["idea_id"] == "edited"
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = set(conn.execute(select(Document.id, Document.active, Document.status,
                                       Document.title)).all())
    engine.dispose()
    assert rows == {("merged", False, "DUPLICATE", TOOLS[0]),
                    ("reviewed", True, "IN_REVIEW", CANTEEN[0][0]),
                    ("edited", True, "SUBMITTED", NOISE[0][0])}


def test_themes_keep_their_ids_when_unrelated_ideas_arrive(insights):
    container, _ = insights
    changeover = submit(container, CHANGEOVER, "chg")
    canteen = submit(container, CANTEEN, "cnt")
    assert call(container, "themes") == []  # all in the pool until it is clustered
    call(container, "recluster", identity=BEN)
    before = theme_ids(container, [changeover[0], canteen[0]])
    assert None not in before and before[0] != before[1]

    [joined] = submit(container, [JOINS_CHANGEOVER], "join")
    noise = submit(container, NOISE, "noise")
    assert theme_ids(container, [joined]) == [before[0]]  # joined on arrival
    assert theme_ids(container, noise) == [None, None, None]  # unrelated: pooled
    call(container, "recluster", identity=BEN)

    assert theme_ids(container, [changeover[0], canteen[0], joined]) == [*before, before[0]]
    themes = {t["id"]: t for t in call(container, "themes", first=10)}
    noise_theme = theme_ids(container, noise)
    assert noise_theme[0] is not None and noise_theme[0] not in before
    assert len(set(noise_theme)) == 1 and set(themes) == {*before, noise_theme[0]}
    changeover_theme = themes[before[0]]
    assert changeover_theme["size"] == 4 and set(changeover_theme["idea_ids"]) == {
        *changeover, joined}
    assert "changeover" in changeover_theme["label"].lower()
    assert changeover_theme["representative_idea_id"] in changeover_theme["idea_ids"]
    assert changeover_theme["trend"] == {"last_30_days": 4, "previous_30_days": 0}


def test_recluster_needs_a_reviewer_and_queries_need_a_caller(insights):
    container, _ = insights
    with pytest.raises(PermissionDenied):
        call(container, "recluster", identity=ANA)
    with pytest.raises(Unauthenticated):
        call(container, "similar_ideas", "anything", identity=None)
    with pytest.raises(ValidationError) as error:
        call(container, "similar_ideas", "   ", first=0)
    assert {e["field"] for e in error.value.errors} == {"text", "first"}


def test_it_answers_a_ping_while_a_large_batch_is_encoded(insights, monkeypatch):
    container, _ = insights
    encoding = {"now": False, "large": False}
    real_run = Encoder._run

    def observed(self, texts, batch_size, words):  # the real encoder, observed from outside
        encoding["now"], encoding["large"] = True, len(texts) > 100
        try:
            return real_run(self, texts, batch_size, words)
        finally:
            encoding["now"] = False

    monkeypatch.setattr(Encoder, "_run", observed)
    items = [{"id": f"bulk-{i}", "title": f"Idea {i}",
              "text": f"Idea number {i}: reduce waste at station {i % 17} by moving the "
                      f"{['bins', 'tools', 'carts', 'labels'][i % 4]} closer to the operator"}
             for i in range(500)]
    batch = eventlet.spawn(call, container, "index_documents", "IDEA", items, identity=ADMIN)
    while not (encoding["now"] and encoding["large"]) and not batch.dead:
        eventlet.sleep(0.001)
    assert call(container, "ping") == "pong"
    # still encoding after the ping came back: had the encoder held the hub, this
    # greenthread could not have run until the batch was encoded
    assert encoding["now"] and encoding["large"]
    assert batch.wait() == 500
    assert len(call(container, "similar_ideas", "move the tools closer", first=3)) == 3


def test_a_restart_reads_the_stored_embeddings_instead_of_encoding_again(
        start_service, make_db, monkeypatch):
    url = make_db("insights")
    first = start_service(InsightsService, db_url=url)
    stored = submit(first, CHANGEOVER + CANTEEN, "idea")
    first.stop()

    encoded: list[list[str]] = []
    real_run = Encoder._run

    def observed(self, texts, batch_size, words):
        encoded.append(list(texts))
        return real_run(self, texts, batch_size, words)

    monkeypatch.setattr(Encoder, "_run", observed)
    restarted = start_service(InsightsService, db_url=url)
    found = call(restarted, "similar_ideas", "changeover fixtures on line 2", first=6)
    assert {f["idea_id"] for f in found} <= set(stored) and len(found) >= 3
    # the query only: no stored idea is embedded again, and the best few hits' word
    # vectors (the duplicate score) are read with their rows
    assert encoded == [["changeover fixtures on line 2"]]


def areas_by_theme(container) -> dict[str, dict]:
    """Each shown theme's id -> the area it is listed under in `theme_areas`."""
    return {t["id"]: a for a in call(container, "theme_areas") for t in a["themes"]}


def test_areas_open_into_their_themes_and_keep_their_ids_across_a_recluster(insights):
    container, _ = insights
    changeover = submit(container, CHANGEOVER, "chg")
    canteen = submit(container, CANTEEN, "cnt")
    assert call(container, "theme_areas") == []  # no theme yet, so no area
    call(container, "recluster", identity=BEN)
    themes = theme_ids(container, [changeover[0], canteen[0]])
    before = areas_by_theme(container)
    assert set(before) == set(themes)  # every shown theme is under exactly one area
    area = before[themes[0]]
    assert "changeover" in area["label"].lower() and area["keywords"]
    assert area["size"] == sum(t["size"] for t in area["themes"])
    assert [t["area_id"] for t in call(container, "theme_of_ideas", changeover)] == \
        [area["id"]] * 3

    [joined] = submit(container, [JOINS_CHANGEOVER], "join")  # a new idea, no re-cluster
    now_listed = areas_by_theme(container)[themes[0]]
    assert now_listed["id"] == area["id"] and now_listed["size"] == area["size"] + 1
    [listed] = [t for t in now_listed["themes"] if t["id"] == themes[0]]
    assert joined in listed["idea_ids"]

    submit(container, NOISE, "noise")
    call(container, "recluster", identity=BEN)
    after = areas_by_theme(container)
    assert {t: after[t]["id"] for t in themes} == {t: before[t]["id"] for t in themes}
    assert call(container, "theme_areas_with_ids", [area["id"], "gone"])[0]["id"] == area["id"]
    assert call(container, "theme_areas_with_ids", ["gone"]) == [None]
