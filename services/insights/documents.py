"""The read model's embedded documents: `Doc` (what an event or a reindex says about one),
upsert (re-encoding only when the text changed, an idea's word vectors from the same pass:
idea_words.py), tombstones, deactivation, and the float32 bytes the embeddings are stored
as. Every write takes the next `rev` (store.bump), which the in-memory vector caches
follow."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.insights import idea_words
from services.insights.domain import IDEA
from services.insights.encoder import encode_words_off_hub, get_encoder
from services.insights.models import Document
from services.insights.store import bump
from shared.clock import now


@dataclass
class Doc:
    """What an event says about one document."""

    kind: str
    id: str
    title: str
    text: str
    status: str = ""
    author_id: str | None = None
    active: bool = True
    created_at: datetime | None = None
    extra: dict = field(default_factory=dict)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).reshape(-1).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def stack(blobs: list[bytes], dim: int = 384) -> np.ndarray:
    if not blobs:
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([from_bytes(b) for b in blobs])


def extra_of(row: Document) -> dict:
    return json.loads(row.extra or "{}")


class Encoded(NamedTuple):
    embedding: np.ndarray
    words: np.ndarray | None = None  # an idea's word vectors, when encoded here


Vectors = dict[tuple[str, str], Encoded]


def encoded(docs: list[Doc], encode_words) -> Vectors:
    """The docs' embeddings and, from the same pass, the ideas' word vectors."""
    if not docs:
        return {}
    embeddings, words = encode_words([d.text for d in docs])
    return {(d.kind, d.id): Encoded(e, w if d.kind == IDEA else None)
            for d, e, w in zip(docs, embeddings, words, strict=True)}


def prepare(session: Session, docs: list[Doc]) -> Vectors:
    """Embeddings of the docs that are new or whose text changed, encoded off the hub.

    Call it before the transaction writes anything (it ends the read it starts): holding a
    SQLite write lock while the encoder runs would stall every other writer."""
    keys = {(d.kind, d.id) for d in docs}
    known = {(k, i): t for k, i, t in session.execute(select(
        Document.kind, Document.id, Document.text).where(
        Document.kind.in_({k for k, _ in keys}), Document.id.in_({i for _, i in keys})))
        if (k, i) in keys}
    session.rollback()
    return encoded([d for d in docs if known.get((d.kind, d.id)) != d.text],
                   encode_words_off_hub)


# what upsert_many writes of a document besides its revision (and the embedding of a text
# that changed); `extra` is merged, so a doc's extra is unchanged if the row holds it all
WRITTEN = (Document.title, Document.text, Document.status, Document.author_id,
           Document.active, Document.created_at, Document.extra)


def _same(doc: Doc, row) -> bool:
    held = json.loads(row.extra or "{}")
    return ((row.title, row.text, row.status, row.author_id, row.active)
            == (doc.title, doc.text, doc.status, doc.author_id, doc.active)
            and doc.created_at in (None, row.created_at) and {**held, **doc.extra} == held)


def unchanged(session: Session, docs: list[Doc]) -> set[tuple[str, str]]:
    """The keys of the docs that upsert_many would write exactly as stored (a reindex
    pushing back what insights holds), from one read of the written columns: no rows
    loaded, no embedding."""
    keys = {(d.kind, d.id) for d in docs}
    rows = {(r.kind, r.id): r for r in session.execute(select(
        Document.kind, Document.id, *WRITTEN).where(
        Document.kind.in_({k for k, _ in keys}), Document.id.in_({i for _, i in keys})))}
    return {(d.kind, d.id) for d in docs if (d.kind, d.id) in rows
            and _same(d, rows[(d.kind, d.id)])}


class Upserted(NamedTuple):
    row: Document
    is_new: bool
    changed: bool  # new, or its text, status or `active` changed: where it belongs may too


def upsert_many(session: Session, docs: list[Doc],
                vectors: Vectors | None = None) -> list[Upserted]:
    """Writes `docs` with the embeddings `prepare` made. A text that changed since `prepare`
    is encoded here (rare: a concurrent update)."""
    vectors = dict(vectors or {})
    existing = {(r.kind, r.id): r for r in session.scalars(select(Document).where(
        Document.kind.in_({d.kind for d in docs}), Document.id.in_({d.id for d in docs})))}
    missing = [d for d in docs if (d.kind, d.id) not in vectors and (
        (d.kind, d.id) not in existing or existing[(d.kind, d.id)].text != d.text)]
    if missing:
        vectors.update(encoded(missing, get_encoder().encode_words))
    rev = bump(session, by=len(docs)) - len(docs)
    result = []
    for offset, doc in enumerate(docs):
        row = existing.get((doc.kind, doc.id))
        is_new = row is None
        changed = is_new or (row.text, row.status, row.active) != (
            doc.text, doc.status, doc.active)
        if is_new:
            row = Document(kind=doc.kind, id=doc.id, created_at=doc.created_at or now())
            session.add(row)
        elif doc.created_at is not None:  # the owner's time, over a tombstone's
            row.created_at = doc.created_at
        if (doc.kind, doc.id) in vectors and (is_new or row.text != doc.text):
            vector, words = vectors[(doc.kind, doc.id)]
            row.embedding = to_bytes(vector)
            row.words = None if words is None else idea_words.to_bytes(words)
        row.title, row.text, row.status = doc.title, doc.text, doc.status
        row.author_id, row.active, row.rev = doc.author_id, doc.active, rev + offset + 1
        row.extra = json.dumps({**(extra_of(row) if not is_new else {}), **doc.extra})
        result.append(Upserted(row, is_new, changed))
    session.flush()
    return result


def tombstone(session: Session, kind: str, doc_id: str) -> Document:
    """The document's row, or an inactive one without text that stands in for a document
    whose first event has not arrived yet (events travel on separate queues), so that
    event learns what happened to it meanwhile."""
    row = session.get(Document, (kind, doc_id))
    if row is None:
        row = Document(kind=kind, id=doc_id, created_at=now(), text="", embedding=b"",
                       active=False, rev=bump(session))
        session.add(row)
    return row


def deactivate(session: Session, kind: str, doc_id: str, status: str | None = None,
               **extra) -> Document | None:
    row = session.get(Document, (kind, doc_id))
    if row is None:
        return None
    row.active = False
    row.status = status or row.status
    row.extra = json.dumps({**extra_of(row), **extra})
    row.rev = bump(session)
    return row
