"""Rebuilding the read model from the owning services (mixed into InsightsService; the
`kaizen-insights reindex` CLI drives it, admins only): begin, push documents in batches,
finish. Unchanged texts are not re-encoded and theme ids survive the rebuild."""
from __future__ import annotations

import json

import numpy as np
from sqlalchemy import select

from services.insights import theming
from services.insights.documents import (
    EXPERIMENT,
    IDEA,
    OPPORTUNITY,
    REFLECTION,
    Doc,
    counter,
    deactivate,
    parse_time,
    prepare,
    upsert_many,
)
from services.insights.encoder import EMBEDDING_DIM
from services.insights.models import Document, Profile
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import FieldErrors, ValidationError

KINDS = (IDEA, REFLECTION, EXPERIMENT, OPPORTUNITY)
PROFILE = "PROFILE"
MAX_BATCH = 500


def _doc(kind: str, item: dict) -> Doc:
    return Doc(kind=kind, id=str(item["id"]), title=item.get("title", ""), text=item["text"],
               status=item.get("status", ""), author_id=item.get("author_id"),
               active=bool(item.get("active", True)),
               created_at=parse_time(item.get("created_at")), extra=item.get("extra", {}))


def given_embeddings(docs: list[Doc], items: list[dict]) -> dict[tuple[str, str], np.ndarray]:
    """Embeddings sent with the items (a restore, or a bulk load encoded elsewhere with the
    same model): `embedding`, EMBEDDING_DIM finite numbers, stored normalised. Used for new
    documents and changed texts, like an encoding made here."""
    errors, given = FieldErrors(), {}
    for index, (doc, item) in enumerate(zip(docs, items, strict=True)):
        if item.get("embedding") is None:
            continue
        try:
            vector = np.asarray(item["embedding"], dtype=np.float32).reshape(-1)
        except (TypeError, ValueError):
            vector = np.zeros(0, dtype=np.float32)
        norm = float(np.linalg.norm(vector)) if np.isfinite(vector).all() else 0.0
        errors.check(vector.shape == (EMBEDDING_DIM,) and norm > 0,
                     f"items[{index}].embedding",
                     f"must be {EMBEDDING_DIM} finite numbers, not all zero")
        given[(doc.kind, doc.id)] = vector / (norm or 1.0)
    errors.raise_if_any()
    return given


class ReindexEntrypoints:
    @rpc
    def begin_reindex(self) -> dict:
        self.caller.require().require("admin")
        return {"rev": counter(self.db.session, "rev")}

    @rpc
    def index_documents(self, kind: str, items: list[dict]) -> int:
        """Upserts a batch of one kind (Doc fields; PROFILE: profile_updated fields)."""
        self.caller.require().require("admin")
        if kind not in (*KINDS, PROFILE):
            raise ValidationError(f"must be one of {', '.join((*KINDS, PROFILE))}", "kind")
        if len(items) > MAX_BATCH:
            raise ValidationError(f"at most {MAX_BATCH} items per call", "items")
        if kind == PROFILE:
            for item in items:
                self._profile(item)
        else:
            docs = [_doc(kind, i) for i in items]
            given = given_embeddings(docs, items)
            vectors = {**prepare(self.db.session, [d for d in docs
                                                   if (d.kind, d.id) not in given]), **given}
            for row, _ in upsert_many(self.db.session, docs, vectors):
                theming.place(self.db.session, row)
        self.db.commit()
        return len(items)

    @rpc
    def finish_reindex(self, rev: int, kinds: list[str]) -> dict:
        """Documents of `kinds` not pushed since `rev` are gone at their owner: deactivated
        (reflection texts erased); then everything is re-clustered."""
        self.caller.require().require("admin")
        stale = self.db.session.scalars(select(Document).where(
            Document.kind.in_([k for k in kinds if k in KINDS]), Document.rev <= rev,
            Document.active.is_(True))).all()
        for row in stale:
            deactivate(self.db.session, row.kind, row.id)
            theming.place(self.db.session, row)
            if row.kind == REFLECTION:
                row.text, row.extra, row.embedding = "", "{}", b""
        result = theming.recluster_everything(self.db.session)
        self.db.commit()
        return {**result, "removed": len(stale)}

    def _profile(self, item: dict) -> None:
        profile = Profile(
            person_id=item["person_id"], headline=item.get("headline", ""),
            skills=json.dumps(item.get("skills", [])),
            interests=json.dumps(item.get("interests", [])),
            aspirations=item.get("aspirations", ""),
            mentoring_skills=json.dumps(item.get("mentoring_skills", [])), updated_at=now())
        self.db.session.merge(profile)
