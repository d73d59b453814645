"""Themes read from per-theme summaries (so reading them never loads their members), on a
real broker against SQLite and PostgreSQL: whatever happens to the members, `themes` and
`theme_of_ideas` say what a full read of the members says; bulk loads may bring their
embeddings; migration 0002 summarises the themes a database already has."""
from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from services.insights.clustering import centroid_of
from services.insights.documents import from_bytes, stack
from services.insights.models import Document, Theme
from services.insights.service import InsightsService
from services.insights.theme_summaries import counts_since
from shared.clock import now
from shared.errors import ValidationError
from shared.migrate import alembic_config
from tests.integration.insights.support import call
from tests.support.identities import ADMIN, BEN

RNG = np.random.default_rng(11)
TOPIC_A, TOPIC_B = (RNG.standard_normal(384) for _ in range(2))


def near(topic: np.ndarray) -> list[float]:
    vector = topic / np.linalg.norm(topic) + RNG.normal(0, 0.02, 384)
    return (vector / np.linalg.norm(vector)).tolist()


def item(doc_id: str, words: str, vector: list[float], days_ago: float = 1, **more) -> dict:
    return {"id": doc_id, "title": words, "text": f"{words}. {doc_id}", "embedding": vector,
            "created_at": (now() - timedelta(days=days_ago)).isoformat(), **more}


def index(container, kind: str, items: list[dict]) -> int:
    return call(container, "index_documents", kind, items, identity=ADMIN)


def oracle(url: str) -> dict[str, dict]:
    """Every shown theme as a full read of its members says it is."""
    engine = create_engine(url)
    with Session(engine) as session:
        themes = {t.id: t for t in session.scalars(select(Theme))}
        rows = session.scalars(select(Document).where(
            Document.active.is_(True), Document.theme_id.is_not(None))).all()
        found = {}
        for theme_id, theme in themes.items():
            members = [r for r in rows if r.theme_id == theme_id]
            ideas = sorted((r for r in members if r.kind == "IDEA"), key=lambda r: r.id)
            clustered = sorted((r for r in members if r.kind in ("IDEA", "REFLECTION")),
                               key=lambda r: (r.kind, r.id))
            centre = centroid_of(stack([r.embedding for r in clustered]))
            np.testing.assert_allclose(from_bytes(theme.centroid), centre, atol=1e-5)
            scores = {r.id: float(from_bytes(r.embedding) @ centre) for r in ideas}
            reflections = sum(1 for r in members if r.kind == "REFLECTION")
            recent = now() - timedelta(days=30)
            found[theme_id] = {
                "size": len(ideas), "reflection_count": reflections,
                "idea_ids": sorted(scores, key=lambda i: (-scores[i], i)),
                "unaddressed": reflections > 0 and all(r.status == "DECLINED" for r in ideas),
                "trend": {"last_30_days": sum(1 for r in ideas if r.created_at >= recent),
                          "previous_30_days": sum(1 for r in ideas if recent > r.created_at
                                                  >= recent - timedelta(days=30))}}
    engine.dispose()
    return {t: dto for t, dto in found.items() if dto["size"] or dto["reflection_count"]}


def shown(dtos: list[dict]) -> dict[str, dict]:
    return {d["id"]: {k: d[k] for k in ("size", "reflection_count", "idea_ids", "unaddressed",
                                         "trend")} for d in dtos}


def test_themes_say_what_their_members_say_whatever_happens_to_them(start_service, make_db):
    url = make_db("insights")
    container = start_service(InsightsService, db_url=url)
    a_ids, b_ids = [f"a-{i}" for i in range(6)], [f"b-{i}" for i in range(5)]
    index(container, "IDEA", [item(i, "Changeover fixtures on line two", near(TOPIC_A),
                                   days_ago=10 * n) for n, i in enumerate(a_ids)]
          + [item(i, "Canteen food for the night shift", near(TOPIC_B), days_ago=40)
             for i in b_ids])
    call(container, "recluster", identity=BEN)
    themes = call(container, "themes", first=10)
    assert sorted(t["size"] for t in themes) == [5, 6]  # two themes formed
    assert shown(themes) == oracle(url)

    # a batch joins on arrival; one idea is merged away, B's ideas are all declined and a
    # reflection falls in B: B is now unaddressed
    index(container, "IDEA", [item(f"a-late-{i}", "Quick fixtures for changeover",
                                   near(TOPIC_A)) for i in range(3)])
    index(container, "IDEA", [item("a-0", "Changeover fixtures on line two", near(TOPIC_A),
                                   active=False)])
    index(container, "IDEA", [item(i, "Canteen food for the night shift", near(TOPIC_B),
                                   days_ago=40, status="DECLINED") for i in b_ids])
    index(container, "REFLECTION", [item("r-1", "The canteen is closed at night",
                                         near(TOPIC_B), status="ORGANIZATION",
                                         extra={"visibility": "ORGANIZATION"})])
    themes = call(container, "themes", first=10)
    assert shown(themes) == oracle(url)
    sizes = {t["size"]: t for t in themes}
    assert set(sizes) == {8, 5} and sizes[5]["unaddressed"] and not sizes[8]["unaddressed"]
    assert [t["id"] for t in call(container, "themes", first=10, unaddressed=True)] == [
        sizes[5]["id"]]
    assert [t["id"] for t in call(container, "themes", first=1)] == [sizes[8]["id"]]

    of = call(container, "theme_of_ideas", ["a-1", "a-0", "b-2", "nope"])
    assert [t and t["id"] for t in of] == [sizes[8]["id"], None, sizes[5]["id"], None]
    assert of[0] == sizes[8]

    call(container, "recluster", identity=BEN)  # and after a full re-clustering
    assert shown(call(container, "themes", first=10)) == oracle(url)


def test_a_bulk_load_may_bring_embeddings_which_are_checked(start_service, make_db):
    url = make_db("insights")
    container = start_service(InsightsService, db_url=url)
    vector = near(TOPIC_A)
    assert index(container, "IDEA", [item("given", "Changeover fixtures",
                                          [2 * x for x in vector])]) == 1
    engine = create_engine(url)
    with engine.connect() as connection:
        stored = connection.scalar(text("SELECT embedding FROM documents WHERE id = 'given'"))
    np.testing.assert_allclose(from_bytes(stored), vector, atol=1e-6)  # normalised

    bad = [item("short", "x", [1.0, 2.0]), item("zero", "x", [0.0] * 384),
           item("words", "x", ["a"] * 384), item("fine", "x", near(TOPIC_B))]
    with pytest.raises(ValidationError) as error:
        index(container, "IDEA", bad)
    assert {e["field"] for e in error.value.errors} == {
        "items[0].embedding", "items[1].embedding", "items[2].embedding"}
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM documents")) == 1  # nothing stored
    engine.dispose()


def test_migration_0002_summarises_the_themes_a_database_already_has(
        db_backend, tmp_path, request):
    url = (f"sqlite:///{tmp_path / 'insights.db'}" if db_backend == "sqlite"
           else request.getfixturevalue("pg_cluster").create_database())
    command.upgrade(alembic_config("insights", url), "0001")
    centre = np.asarray(near(TOPIC_A), dtype=np.float32)
    docs = [("IDEA", "i-far", "SUBMITTED", near(TOPIC_B)), ("IDEA", "i-near", "DECLINED",
                                                           centre.tolist()),
            ("REFLECTION", "r-1", "ORGANIZATION", near(TOPIC_A))]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO themes (id, label, keywords, centroid, created_at, updated_at) "
            "VALUES ('t', 'Changeover', '[]', :c, :at, :at)"), {"c": centre.tobytes(),
                                                                 "at": now()})
        for kind, doc_id, status, vector in docs:
            connection.execute(text(
                "INSERT INTO documents (kind, id, title, text, status, active, theme_id, "
                "created_at, rev, extra, embedding) VALUES (:k, :i, '', 'x', :s, :yes, 't', "
                ":at, 1, '{}', :e)"), {"k": kind, "i": doc_id, "s": status, "yes": True,
                                      "at": now(),
                                      "e": np.asarray(vector, np.float32).tobytes()})
    command.upgrade(alembic_config("insights", url), "head")
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT idea_count, live_idea_count, reflection_count, learning_count, idea_ids, "
            "idea_times FROM themes")).one()
    engine.dispose()
    assert tuple(row[:4]) == (2, 1, 1, 0) and json.loads(row[4]) == ["i-near", "i-far"]
    assert counts_since(row[5], now() - timedelta(days=1), now()) == [2, 0]  # trend input
