"""Fixtures of the insights unit tests: workers of InsightsService on a migrated SQLite file,
the sentence model replaced by `WordEncoder` and the career service mocked."""
from __future__ import annotations

import hashlib
import re
from unittest.mock import MagicMock

import numpy as np
import pytest

from services.insights import encoder
from services.insights.encoder import EMBEDDING_DIM
from services.insights.entrypoints import recommendations
from services.insights.models import INBOX, OUTBOX
from services.insights.recent_vectors import RecentVectors
from services.insights.service import InsightsService
from services.insights.synced_indexes import VectorIndexes
from tests.support.workers import Workers


class WordEncoder:
    """Stands in for the sentence model: a text is the normalised sum of one fixed random
    vector per word, so the same text gives the same vector and texts without a word in
    common are all but orthogonal."""

    dim = EMBEDDING_DIM

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        return self.encode_words(texts, batch_size)[0]

    def encode_words(self, texts, batch_size: int = 32) -> tuple[np.ndarray, list]:
        """The embeddings and each text's word vectors (a word's own unit vector)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        words = []
        for row, text in enumerate(texts):
            vectors = [_word_vector(w, self.dim) for w in re.findall(r"\w+", text.lower())]
            out[row] = np.sum(vectors, axis=0) if vectors else 0.0
            out[row] /= np.linalg.norm(out[row]) or 1.0
            words.append(np.array([v / np.linalg.norm(v) for v in vectors], np.float32)
                         .reshape(-1, self.dim))
        return out, words


def _word_vector(word: str, dim: int) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
    return np.random.default_rng(seed).standard_normal(dim)


@pytest.fixture
def model(monkeypatch) -> WordEncoder:
    """The process-wide encoder that get_encoder and encode_off_hub use."""
    fake = WordEncoder()
    monkeypatch.setattr(encoder, "_ENCODER", fake)
    monkeypatch.setattr(recommendations, "PROFILE_VECTORS", RecentVectors())  # none remembered
    return fake


@pytest.fixture
def career() -> MagicMock:
    career = MagicMock()
    career.get_profiles.side_effect = lambda ids: [None for _ in ids]
    career.my_applications.return_value = []
    career.find_mentors.return_value = []
    for name in ("get_profiles", "my_applications"):  # asked for at once (call_async)
        method = getattr(career, name)
        method.call_async.side_effect = (
            lambda *args, method=method, **kwargs: MagicMock(**{
                "result.return_value": method(*args, **kwargs)}))
    return career


@pytest.fixture
def insights(tmp_path, model, career) -> Workers:
    workers = Workers(InsightsService, tmp_path, OUTBOX, INBOX, vectors=VectorIndexes({}),
                      career_rpc=career)
    yield workers
    workers.close()
