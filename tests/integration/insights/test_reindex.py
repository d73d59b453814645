"""A reindex pushing the documents insights already holds, on a real broker against SQLite
and PostgreSQL: no unchanged text is encoded again, the themes stay as they are while the
batches arrive and, nothing having changed, are not re-clustered; a changed text is encoded
and the themes re-clustered, keeping their ids."""
from __future__ import annotations

import numpy as np
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from services.insights.encoder import Encoder
from services.insights.models import Document, Theme
from services.insights.service import InsightsService
from tests.integration.insights.support import call
from tests.support.identities import ADMIN, BEN

RNG = np.random.default_rng(19)
TOPICS = {"Changeover fixtures on line two": RNG.standard_normal(384),
          "Canteen food for the night shift": RNG.standard_normal(384)}


def near(topic: np.ndarray) -> list[float]:
    vector = topic / np.linalg.norm(topic) + RNG.normal(0, 0.02, 384)
    return (vector / np.linalg.norm(vector)).tolist()


def items() -> list[dict]:
    """What the CLI pushes: no embeddings."""
    return [{"id": f"{n}-{i}", "title": title, "text": f"{title}, idea {i}"}
            for n, title in enumerate(TOPICS) for i in range(5)]


def stored(url: str) -> tuple[dict, dict]:
    """Each theme's row as written (id: updated_at, centroid, idea ids) and each idea's
    theme and embedding."""
    engine = create_engine(url)
    with Session(engine) as session:
        themes = {t.id: (t.updated_at, t.centroid, t.idea_ids)
                  for t in session.scalars(select(Theme))}
        docs = {d.id: (d.theme_id, d.embedding) for d in session.scalars(select(Document))}
    engine.dispose()
    return themes, docs


def test_a_reindex_of_unchanged_texts_encodes_none_and_the_themes_keep_their_ids(
        start_service, make_db, monkeypatch):
    url = make_db("insights")
    container = start_service(InsightsService, db_url=url)
    loaded = [{**item, "embedding": near(TOPICS[item["title"]])} for item in items()]
    call(container, "index_documents", "IDEA", loaded, identity=ADMIN)
    call(container, "recluster", identity=BEN)
    themes = {t["id"]: t["idea_ids"] for t in call(container, "themes", first=10)}
    assert sorted(len(ids) for ids in themes.values()) == [5, 5]
    before = stored(url)

    encoded: list[str] = []
    real_run = Encoder._run  # encode and encode_words (an idea's words) both run it

    def observed(self, texts, batch_size, words):
        encoded.extend(texts)
        return real_run(self, texts, batch_size, words)

    monkeypatch.setattr(Encoder, "_run", observed)
    rev = call(container, "begin_reindex", identity=ADMIN)["rev"]
    assert call(container, "index_documents", "IDEA", items(), identity=ADMIN) == 10
    assert stored(url) == before  # while the batches arrive the themes stay as they were
    result = call(container, "finish_reindex", rev, ["IDEA"], identity=ADMIN)

    assert (result["themes"], result["kept"], result["removed"]) == (2, 2, 0)
    assert not result["reclustered"]  # nothing changed
    assert {t["id"]: t["idea_ids"] for t in call(container, "themes", first=10)} == themes
    texts = {item["text"] for item in items()}
    assert not texts & set(encoded)  # (the themes' keywords are encoded, the texts not)
    assert stored(url)[1] == before[1]

    changed = [{**items()[0], "text": "Changeover fixtures on line two, kept on a cart"}]
    rev = call(container, "begin_reindex", identity=ADMIN)["rev"]
    call(container, "index_documents", "IDEA", changed + items()[1:], identity=ADMIN)
    assert encoded.count(changed[0]["text"]) == 1
    result = call(container, "finish_reindex", rev, ["IDEA"], identity=ADMIN)
    assert result["reclustered"] and (result["themes"], result["kept"]) == (2, 2)
