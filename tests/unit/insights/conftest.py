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
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                out[row] += np.random.default_rng(seed).standard_normal(self.dim)
            norm = np.linalg.norm(out[row])
            out[row] /= norm or 1.0
        return out


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
    return career


@pytest.fixture
def insights(tmp_path, model, career) -> Workers:
    workers = Workers(InsightsService, tmp_path, OUTBOX, INBOX, vectors=VectorIndexes({}),
                      career_rpc=career)
    yield workers
    workers.close()
