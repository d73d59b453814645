"""Rebuilding the read model from the owning services (mixed into InsightsService; the
`kaizen-insights reindex` CLI drives it, admins only): begin, push documents in batches,
finish. Unchanged texts are not re-encoded, unchanged documents stay in their themes, and
theme ids survive the rebuild.

Finishing re-clusters everything only when the reindex changed something (a document new,
changed or gone) or when asked to: pushing back what insights already holds leaves the
themes as they are (a full re-cluster of 100k documents takes minutes, its pairwise
similarities being quadratic)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.insights import store, theme_upkeep, validation
from services.insights.documents import deactivate, prepare, unchanged, upsert_many
from services.insights.domain import KINDS, REFLECTION
from shared.entrypoints import rpc

CHANGES = "reindex_changes"  # documents the running reindex wrote anew (a counter)


def index_docs(session: Session, kind: str, items: list[dict]) -> int:
    """Writes a batch of documents; how many are new or moved (and were placed). Those
    exactly as held are only noted as pushed: neither loaded nor written."""
    docs = validation.docs_of(kind, items)
    given = validation.given_embeddings(docs, items)
    same = unchanged(session, docs)
    docs = [d for d in docs if (d.kind, d.id) not in same]
    # before any write: prepare ends the read it starts (the encoder never runs in a write)
    vectors = {**prepare(session, [d for d in docs if (d.kind, d.id) not in given]),
               **given} if docs else {}
    store.note_pushed(session, same)
    changed = 0
    for row, _, moved in upsert_many(session, docs, vectors) if docs else ():
        if moved:  # an unchanged one stays where it is
            theme_upkeep.place(session, row)
            changed += 1
    return changed


class ReindexEntrypoints:
    @rpc
    def begin_reindex(self) -> dict:
        self.caller.require().require("admin")
        store.reset(self.db.session, CHANGES)
        store.forget_pushed(self.db.session)
        self.db.commit()
        return {"rev": store.counter(self.db.session, "rev")}

    @rpc
    def index_documents(self, kind: str, items: list[dict]) -> int:
        """Upserts a batch of one kind (Doc fields; PROFILE: profile_updated fields)."""
        self.caller.require().require("admin")
        if validation.batch(kind, items) == validation.PROFILE:
            for item in items:
                store.put_profile(
                    self.db.session, item["person_id"], item.get("headline", ""),
                    item.get("skills", []), item.get("interests", []),
                    item.get("aspirations", ""), item.get("mentoring_skills", []))
        else:
            changed = index_docs(self.db.session, kind, items)
            if changed:
                store.bump(self.db.session, CHANGES, by=changed)
        self.db.commit()
        return len(items)

    @rpc
    def finish_reindex(self, rev: int, kinds: list[str], recluster: bool = False) -> dict:
        """Documents of `kinds` not pushed since `rev` are gone at their owner: deactivated
        (reflection texts erased); then everything is re-clustered if anything changed
        since `begin_reindex` (or `recluster`)."""
        self.caller.require().require("admin")
        session = self.db.session
        stale = store.not_pushed_since(session, [k for k in kinds if k in KINDS], rev)
        for row in stale:
            deactivate(session, row.kind, row.id)
            theme_upkeep.place(session, row)
            if row.kind == REFLECTION:
                row.text, row.extra, row.embedding = "", "{}", b""
        store.forget_pushed(session)
        if recluster or stale or store.counter(session, CHANGES):
            result = {**theme_upkeep.recluster_everything(session), "reclustered": True}
        else:
            result = {**theme_upkeep.as_they_are(session), "reclustered": False}
        self.db.commit()
        return {**result, "removed": len(stale)}
