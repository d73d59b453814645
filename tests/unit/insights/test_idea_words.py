"""An idea's word vectors are stored when it is indexed, so a search re-scores its best hits
for the possible-duplicate flag without running the model on them (idea_words.py)."""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from services.insights import idea_words
from services.insights.models import Document
from tests.support.identities import ADMIN, BEN
from tests.unit.insights.support import TEXT, submitted

DRAFT = f"{TEXT} please"


@pytest.fixture
def encoded(model, monkeypatch) -> list[str]:
    """Every text the model is run on, in order."""
    texts: list[str] = []
    encode_words = model.encode_words
    monkeypatch.setattr(model, "encode_words",
                        lambda batch, *a: texts.extend(batch) or encode_words(batch))
    return texts


def stored_words(insights, idea_id: str) -> bytes | None:
    return insights.rows(select(Document.words).where(Document.id == idea_id))[0][0]


def test_a_search_runs_the_model_on_the_draft_only(insights, encoded, model):
    for idea_id in ("i1", "i2"):
        insights.handle("on_idea_submitted", submitted(idea_id, f"{TEXT} {idea_id}"))
    [text] = insights.rows(select(Document.text).where(Document.id == "i1"))[0]
    assert len(stored_words(insights, "i1")) == len(model.encode_words([text])[1][0]) * 384
    encoded.clear()
    found = insights.call("similar_ideas", DRAFT, identity=BEN)
    assert {f["idea_id"] for f in found} == {"i1", "i2"}
    assert encoded == [DRAFT]


def test_an_idea_indexed_without_its_words_is_encoded_once_and_flagged_the_same(
        insights, encoded, model):
    insights.handle("on_idea_submitted", submitted("i1"))
    flagged = insights.call("similar_ideas", DRAFT, identity=BEN)
    vector = model.encode([TEXT])[0].tolist()  # a restore: the embedding given, no words
    insights.call("index_documents", "IDEA", [{"id": "i1", "title": TEXT, "text": TEXT + "!",
                                               "embedding": vector}], identity=ADMIN)
    assert stored_words(insights, "i1") is None  # not the words of the text before
    encoded.clear()
    assert insights.call("similar_ideas", DRAFT, identity=BEN) == flagged
    assert encoded == [DRAFT, TEXT + "!"]
    assert insights.call("similar_ideas", DRAFT, identity=BEN) == flagged
    assert encoded == [DRAFT, TEXT + "!", DRAFT]  # stored the first time


def test_stored_words_are_unit_vectors_within_a_quantisation_step():
    words = np.random.default_rng(1).standard_normal((5, 384)).astype(np.float32)
    words /= np.linalg.norm(words, axis=1, keepdims=True)
    back = idea_words.from_bytes(idea_words.to_bytes(words))
    assert back.shape == (5, 384)
    assert np.allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-6)
    assert (words * back).sum(axis=1).min() > 0.9999
    assert idea_words.from_bytes(idea_words.to_bytes(words[:0])).shape == (0, 384)
