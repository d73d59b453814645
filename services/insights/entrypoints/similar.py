"""Similar ideas while one is typed, and prior experiments for a hypothesis (mixed into
InsightsService). Exact cosine search over the live documents; merged ideas are inactive and
never offered."""
from __future__ import annotations

from services.insights import feedback, store, thresholds, validation
from services.insights.documents import from_bytes
from services.insights.domain import EXPERIMENT, IDEA
from services.insights.dto import experiment_dto, similar_idea_dto
from services.insights.encoder import encode_off_hub
from shared.entrypoints import rpc
from shared.errors import NotFound
from shared.pagination import page_window


class SimilarEntrypoints:
    @rpc
    def similar_ideas(self, text: str, first: int | None = None) -> list[dict]:
        """[{idea_id, score, possible_duplicate}], most similar first."""
        self.caller.require()
        query = validation.query(text, first, "text")
        hits = self._search(IDEA, query, thresholds.SIMILAR_MIN)
        return [similar_idea_dto(doc_id, score) for doc_id, score in hits]

    @rpc
    def mark_not_duplicate(self, text: str, idea_id: str) -> dict:
        """The caller says `idea_id`, suggested while they wrote `text`, is not the same idea:
        stored with the model's score for calibration (idempotent). {idea_id, score}."""
        caller = self.caller.require()
        query = validation.query(text, None, "text")
        row = store.document(self.db.session, IDEA, str(idea_id))
        if row is None or not row.active:
            raise NotFound("no such idea")
        score = float(encode_off_hub([query.text])[0] @ from_bytes(row.embedding))
        feedback.record(self.db.session, caller.user_id, row.id, query.text, score)
        self.db.commit()
        return {"idea_id": row.id, "score": round(score, 4)}

    @rpc
    def not_duplicate_feedback(self, first: int | None = None,
                               after: str | None = None) -> dict:
        """Admins (the calibration export): every "not the same", oldest first, with the
        draft and the idea's text. A page: {items, total, end_cursor, has_next}."""
        self.caller.require().require("admin")
        offset, many = page_window(first, after)
        return feedback.pairs_page(self.db.session, offset, many)

    @rpc
    def similar_experiments(self, hypothesis: str, first: int | None = None) -> list[dict]:
        """Concluded experiments whose title and hypothesis resemble `hypothesis`:
        [{experiment_id, score, decision, learnings, title, hypothesis}]."""
        self.caller.require()
        query = validation.query(hypothesis, first, "hypothesis")
        hits = self._search(EXPERIMENT, query, thresholds.SIMILAR_EXPERIMENT_MIN)
        rows = store.documents(self.db.session, EXPERIMENT, [h[0] for h in hits])
        return [experiment_dto(rows[doc_id], score) for doc_id, score in hits if doc_id in rows]

    @rpc
    def text_similarities(self, text: str, candidates: list[str]) -> list[float]:
        """The model's cosine similarity of `text` to each candidate, in order (career ranks
        mentors by it)."""
        self.caller.require()
        query = validation.query(text, None, "text")
        texts = validation.candidate_texts(candidates)
        vectors = encode_off_hub([query.text, *texts]) if texts else None
        return [] if vectors is None else [round(float(v @ vectors[0]), 4) for v in vectors[1:]]

    def _search(self, kind: str, query: validation.Query,
                floor: float) -> list[tuple[str, float]]:
        vector = encode_off_hub([query.text])[0]
        hits = self.vectors.synced(kind, self.db.session).search(vector, query.first)
        return [(doc_id, score) for doc_id, score in hits if score >= floor]
