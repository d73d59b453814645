"""Insights data migrations on SQLite and PostgreSQL: i21_0001 takes TEAM reflections out of
the themes an older release put them in, and recounts each theme's reflections; i19_0002
adds the ideas' word vectors, NULL for the rows it finds."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import create_engine, insert, select

from services.insights.models import Document, Theme
from shared.migrate import alembic_config

BEFORE = "i16_0001_failed_events"


def reflection(doc_id: str, visibility: str, theme_id: str | None) -> dict:
    return {"kind": "REFLECTION", "id": doc_id, "title": "", "text": f"about {doc_id}",
            "status": visibility, "author_id": "p", "active": True, "theme_id": theme_id,
            "created_at": datetime(2026, 11, 1, tzinfo=UTC), "rev": 1,
            "extra": json.dumps({"visibility": visibility}), "embedding": b"\0" * 1536}


def test_team_reflections_leave_the_themes_an_older_release_put_them_in(make_db):
    url = make_db("insights")
    command.downgrade(alembic_config("insights", url), BEFORE)
    engine = create_engine(url)
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(insert(Theme), [{"id": "t1", "centroid": b"", "created_at": stamp,
                                      "updated_at": stamp, "reflection_count": 3}])
        conn.execute(insert(Document), [reflection("org", "ORGANIZATION", "t1"),
                                        reflection("team-1", "TEAM", "t1"),
                                        reflection("team-2", "TEAM", "t1")])
    command.upgrade(alembic_config("insights", url), "head")
    with engine.connect() as conn:
        themed = dict(conn.execute(select(Document.id, Document.theme_id)).all())
        count = conn.scalar(select(Theme.reflection_count).where(Theme.id == "t1"))
    engine.dispose()
    assert themed == {"org": "t1", "team-1": None, "team-2": None}
    assert count == 1


def test_ideas_indexed_before_words_were_stored_have_none_until_their_first_re_score(make_db):
    url = make_db("insights")
    config = alembic_config("insights", url)
    command.downgrade(config, "i19_0001_reindex_pushed")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Document), [{**reflection("i1", "", None), "kind": "IDEA"}])
    command.upgrade(config, "head")
    with engine.connect() as conn:
        assert conn.execute(select(Document.id, Document.words)).all() == [("i1", None)]
    command.downgrade(config, "i19_0001_reindex_pushed")  # and back: the column goes
    command.upgrade(config, "head")
    engine.dispose()
