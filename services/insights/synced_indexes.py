"""In-memory vector indexes of active documents, one per kind and process, kept in step
with the database by revision: each search first reads the rows whose `rev` is above the
last one seen (usually none), so every replica sees what any replica's handler wrote."""
from __future__ import annotations

import logging
import os

from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.insights.documents import from_bytes
from services.insights.encoder import load_off_hub
from services.insights.models import Document
from services.insights.vector_index import VectorIndex

log = logging.getLogger(__name__)
PRELOAD_ENV = "KAIZEN_INSIGHTS_PRELOAD"


class KindIndex:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.index = VectorIndex()
        self.rev = 0
        self._lock = Semaphore()  # database reads yield: one greenthread syncs at a time

    def sync(self, session: Session) -> VectorIndex:
        with self._lock:
            return self._sync(session)

    def _sync(self, session: Session) -> VectorIndex:
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
        self.rev = max(self.rev, latest)
        return self.index


class VectorIndexes:
    """What a worker sees as ``self.vectors``: ``self.vectors.synced(kind)``."""

    def __init__(self, indexes: dict[str, KindIndex]) -> None:
        self._indexes = indexes

    def synced(self, kind: str, session: Session) -> VectorIndex:
        index = self._indexes.setdefault(kind, KindIndex(kind))
        return index.sync(session)


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
