"""Rebuilding the read model from the owning services (mixed into InsightsService; the
`kaizen-insights reindex` CLI drives it, admins only): begin, push documents in batches,
finish. Unchanged texts are not re-encoded and theme ids survive the rebuild."""
from __future__ import annotations

from services.insights import store, theme_upkeep, validation
from services.insights.documents import deactivate, prepare, upsert_many
from services.insights.domain import KINDS, REFLECTION
from shared.entrypoints import rpc


class ReindexEntrypoints:
    @rpc
    def begin_reindex(self) -> dict:
        self.caller.require().require("admin")
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
            docs = validation.docs_of(kind, items)
            given = validation.given_embeddings(docs, items)
            vectors = {**prepare(self.db.session, [d for d in docs
                                                   if (d.kind, d.id) not in given]), **given}
            for row, _ in upsert_many(self.db.session, docs, vectors):
                theme_upkeep.place(self.db.session, row)
        self.db.commit()
        return len(items)

    @rpc
    def finish_reindex(self, rev: int, kinds: list[str]) -> dict:
        """Documents of `kinds` not pushed since `rev` are gone at their owner: deactivated
        (reflection texts erased); then everything is re-clustered."""
        self.caller.require().require("admin")
        stale = store.not_pushed_since(self.db.session, [k for k in kinds if k in KINDS], rev)
        for row in stale:
            deactivate(self.db.session, row.kind, row.id)
            theme_upkeep.place(self.db.session, row)
            if row.kind == REFLECTION:
                row.text, row.extra, row.embedding = "", "{}", b""
        result = theme_upkeep.recluster_everything(self.db.session)
        self.db.commit()
        return {**result, "removed": len(stale)}
