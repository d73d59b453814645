"""Each idea's salient word vectors (duplicates.word_vectors), stored on its documents row
so the duplicate score of a suggested idea never runs the model: they come from the same
forward pass as its embedding when it is indexed (documents.py), or, for a row without them
(a given embedding, or indexed before migration i19_0002), from one pass of its text the
first time it is re-scored, stored then.

Stored as int8, 384 bytes a word (a typical idea of 20 salient words: 7.5 KiB, a quarter of
float32); read back re-normed. A stored word's cosine with the fresh one is above 0.9999,
and the duplicate flags of the labelled pairs do not change (tests/model/test_calibration.py)."""
from __future__ import annotations

import logging

import numpy as np
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from services.insights.encoder import EMBEDDING_DIM, encode_words_off_hub
from services.insights.models import Document

log = logging.getLogger(__name__)
SCALE = 127


def to_bytes(words: np.ndarray) -> bytes:
    """Each row scaled to its largest component (read back re-normed, so no scale is kept):
    the int8 steps are 1/127 of that component, not of 1."""
    peaks = np.maximum(np.abs(words).max(axis=1, keepdims=True), 1e-9) if len(words) else 1.0
    return np.round(words / peaks * SCALE).astype(np.int8).tobytes()


def from_bytes(blob: bytes, dim: int = EMBEDDING_DIM) -> np.ndarray:
    """``(words, dim)`` float32 unit rows."""
    words = np.frombuffer(blob, dtype=np.int8).reshape(-1, dim).astype(np.float32)
    return words / np.maximum(np.linalg.norm(words, axis=1, keepdims=True), 1e-9)


def words_of(db, rows: list[Document]) -> dict[str, np.ndarray]:
    """{row id: its word vectors} from the rows as loaded; the rows without any are encoded
    in one pass and stored (`db` the worker's shared.db.Db, committed)."""
    found = {r.id: from_bytes(r.words) for r in rows if r.words is not None}
    missing = [r for r in rows if r.id not in found]
    if missing:
        _, encoded = encode_words_off_hub([r.text for r in missing])
        blobs = {r.id: to_bytes(w) for r, w in zip(missing, encoded, strict=True)}
        found.update({doc_id: from_bytes(blob) for doc_id, blob in blobs.items()})
        _store(db, missing, blobs)
    return found


def _store(db, rows: list[Document], blobs: dict[str, bytes]) -> None:
    """Best effort, and only onto a row whose text is still the one encoded: a database
    busy with a long write leaves them to the next re-score rather than fail the search."""
    try:
        for row in rows:
            db.session.execute(update(Document).where(
                Document.kind == row.kind, Document.id == row.id, Document.text == row.text,
                Document.words.is_(None)).values(words=blobs[row.id])
                .execution_options(synchronize_session=False))
        db.commit()
    except OperationalError:
        db.session.rollback()
        log.warning("word vectors of %d ideas not stored (database busy)", len(rows))
