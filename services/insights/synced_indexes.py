"""In-memory vector indexes of active documents, one per kind and process, kept in step
with the database by revision: each search first reads the rows whose `rev` is above the
last one seen (usually none), so every replica sees what any replica's handler wrote.

A kind is searched exactly (``VectorIndex``) up to ``$KAIZEN_ANN_THRESHOLD`` live documents
(default 200,000); above that its index becomes an HNSW graph over int8 vectors
(``ApproximateIndex``), built in a tpool thread while the exact index keeps answering, then
swapped in with the changes made meanwhile. It stays approximate if the kind shrinks again
(no flapping); a restart decides afresh."""
from __future__ import annotations

import logging
import os
import sys

import eventlet
import numpy as np
from eventlet import tpool
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.insights.ann_index import ApproximateIndex
from services.insights.documents import from_bytes
from services.insights.encoder import load_off_hub
from services.insights.models import Document
from services.insights.vector_index import VectorIndex

log = logging.getLogger(__name__)
PRELOAD_ENV = "KAIZEN_INSIGHTS_PRELOAD"
ANN_THRESHOLD_ENV = "KAIZEN_ANN_THRESHOLD"
DEFAULT_ANN_THRESHOLD = 200_000


def ann_threshold() -> int:
    return int(os.environ.get(ANN_THRESHOLD_ENV) or DEFAULT_ANN_THRESHOLD)


class KindIndex:
    def __init__(self, kind: str, threshold: int | None = None) -> None:
        self.kind = kind
        self.index: VectorIndex | ApproximateIndex = VectorIndex()
        self.rev = 0
        self.threshold = ann_threshold() if threshold is None else threshold
        self._lock = Semaphore()  # database reads yield: one greenthread syncs at a time
        self._changes: list[tuple[str, bytes | None]] | None = None  # while building

    def sync(self, session: Session) -> VectorIndex | ApproximateIndex:
        with self._lock:
            index = self._sync(session)
        if (self._changes is None and isinstance(index, VectorIndex)
                and len(index) > self.threshold):
            self._changes = []
            eventlet.spawn(self._become_approximate, index.ids(), index.vectors.copy())
        return index

    def _become_approximate(self, ids: list, vectors) -> None:
        try:
            approximate = tpool.execute(ApproximateIndex.build, ids, vectors, threads=2)
        except Exception:
            log.exception("insights: building the approximate %s index failed; it stays exact",
                          self.kind)
            self.threshold, self._changes = sys.maxsize, None
            return
        with self._lock:
            for doc_id, embedding in self._changes:
                if embedding is None:
                    approximate.remove(doc_id)
                else:
                    approximate.add_one(doc_id, from_bytes(embedding))
            self.index, self._changes = approximate, None
        log.info("insights: %s searched approximately (%d documents)", self.kind, len(ids))

    def _sync(self, session: Session) -> VectorIndex | ApproximateIndex:
        latest = session.scalar(select(func.max(Document.rev))
                                .where(Document.kind == self.kind)) or 0
        if latest <= self.rev:
            return self.index
        rows = session.execute(
            select(Document.id, Document.active, Document.embedding, Document.rev)
            .where(Document.kind == self.kind, Document.rev > self.rev)
            .order_by(Document.rev)).all()
        for doc_id, active, embedding, _ in rows:
            if active:
                self.index.add_one(doc_id, from_bytes(embedding))
            else:
                self.index.remove(doc_id)
            if self._changes is not None:  # replayed onto the index being built
                self._changes.append((doc_id, embedding if active else None))
        self.rev = max(self.rev, latest)
        return self.index


class Rescored:
    """An approximate index whose candidates are ranked by their exact embeddings, read by
    primary key from the database (a few dozen rows a search): exact scores and order."""

    def __init__(self, index: ApproximateIndex, kind: str, session: Session) -> None:
        self.index, self.kind, self.session = index, kind, session

    def __len__(self) -> int:
        return len(self.index)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.index

    def search(self, vector, k: int = 10, exclude=None) -> list[tuple[str, float]]:
        return self.index.search(vector, k, exclude, rescore=self._embeddings)

    def _embeddings(self, ids: list) -> np.ndarray:
        found = dict(self.session.execute(
            select(Document.id, Document.embedding)
            .where(Document.kind == self.kind, Document.id.in_(ids))).all())
        zero = np.zeros(self.index.dim, np.float32)  # gone meanwhile: ranked last
        return np.stack([from_bytes(found[i]) if found.get(i) else zero for i in ids])


class VectorIndexes:
    """What a worker sees as ``self.vectors``: ``self.vectors.synced(kind)``."""

    def __init__(self, indexes: dict[str, KindIndex]) -> None:
        self._indexes = indexes

    def synced(self, kind: str, session: Session) -> VectorIndex | Rescored:
        index = self._indexes.setdefault(kind, KindIndex(kind)).sync(session)
        return Rescored(index, kind, session) if isinstance(index, ApproximateIndex) else index


class Vectors(DependencyProvider):
    """One set of indexes per service container (process), shared by its workers. The
    model is loaded (off the hub) as the service starts, so the first query is not slow."""

    def setup(self) -> None:
        self.indexes: dict[str, KindIndex] = {}

    def start(self) -> None:
        if os.environ.get(PRELOAD_ENV, "1") == "1":
            self.container.spawn_managed_thread(self._load_model)

    @staticmethod
    def _load_model() -> None:
        try:
            load_off_hub()
        except Exception:  # the first encode retries and reports it to its caller
            log.exception("insights: loading the sentence model failed")

    def get_dependency(self, worker_ctx) -> VectorIndexes:
        return VectorIndexes(self.indexes)
