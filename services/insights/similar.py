"""Similar ideas while one is typed, and prior experiments for a hypothesis (mixed into
InsightsService). Exact cosine search over the live documents; merged ideas are inactive and
never offered."""
from __future__ import annotations

from sqlalchemy import select

from services.insights import thresholds
from services.insights.documents import EXPERIMENT, IDEA, extra_of
from services.insights.encoder import encode_off_hub
from services.insights.models import Document
from shared.entrypoints import rpc
from shared.errors import FieldErrors

MAX_FIRST = 50
MAX_TEXT = 5000


def check_query(text: str, first: int | None, field: str, default: int) -> tuple[str, int]:
    first = default if first is None else first
    text = " ".join(str(text or "").split())
    errors = FieldErrors()
    errors.check(bool(text), field, "write a few words to compare")
    errors.check(len(text) <= MAX_TEXT, field, f"must be at most {MAX_TEXT} characters")
    errors.check(isinstance(first, int) and 1 <= first <= MAX_FIRST, "first",
                 f"must be between 1 and {MAX_FIRST}")
    errors.raise_if_any()
    return text, first


class SimilarEntrypoints:
    def _search(self, kind: str, text: str, first: int, floor: float) -> list[tuple[str, float]]:
        vector = encode_off_hub([text])[0]
        hits = self.vectors.synced(kind, self.db.session).search(vector, first)
        return [(doc_id, score) for doc_id, score in hits if score >= floor]

    @rpc
    def similar_ideas(self, text: str, first: int | None = None) -> list[dict]:
        """[{idea_id, score, possible_duplicate}], most similar first."""
        self.caller.require()
        text, first = check_query(text, first, "text", 5)
        hits = self._search(IDEA, text, first, thresholds.SIMILAR_MIN)
        return [{"idea_id": doc_id, "score": round(score, 4),
                 "possible_duplicate": score >= thresholds.DUPLICATE}
                for doc_id, score in hits]

    @rpc
    def similar_experiments(self, hypothesis: str, first: int | None = None) -> list[dict]:
        """Concluded experiments whose title and hypothesis resemble `hypothesis`:
        [{experiment_id, score, decision, learnings, title, hypothesis}]."""
        self.caller.require()
        text, first = check_query(hypothesis, first, "hypothesis", 5)
        hits = self._search(EXPERIMENT, text, first, thresholds.SIMILAR_EXPERIMENT_MIN)
        rows = {r.id: r for r in self.db.session.scalars(select(Document).where(
            Document.kind == EXPERIMENT, Document.id.in_([h[0] for h in hits])))}
        return [_experiment(rows[doc_id], score) for doc_id, score in hits if doc_id in rows]


def _experiment(row: Document, score: float) -> dict:
    extra = extra_of(row)
    return {"experiment_id": row.id, "score": round(score, 4), "title": row.title,
            "hypothesis": extra.get("hypothesis", ""), "decision": extra.get("decision"),
            "learnings": extra.get("learnings", "")}
