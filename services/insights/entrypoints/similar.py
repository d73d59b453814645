"""Similar ideas while one is typed, and prior experiments for a hypothesis (mixed into
InsightsService). Exact cosine search over the live documents; merged ideas are inactive and
never offered, declined ones are skipped. The best few similar ideas are re-scored word by
word for the `possible_duplicate` flag (duplicates.py), with their stored word vectors
(idea_words.py)."""
from __future__ import annotations

import numpy as np

from services.insights import (
    domain,
    duplicates,
    feedback,
    idea_words,
    store,
    thresholds,
    validation,
)
from services.insights.documents import from_bytes
from services.insights.domain import EXPERIMENT, IDEA
from services.insights.dto import experiment_dto, similar_idea_dto
from services.insights.encoder import encode_off_hub, encode_words_off_hub
from shared.entrypoints import rpc
from shared.errors import NotFound
from shared.pagination import page_window


class SimilarEntrypoints:
    @rpc
    def similar_ideas(self, text: str, first: int | None = None) -> list[dict]:
        """[{idea_id, score, possible_duplicate}], most similar first."""
        self.caller.require()
        query = validation.query(text, first, "text")
        vectors, words = encode_words_off_hub([query.text])
        hits, rows = self._live_ideas(vectors[0], query.first)
        flags = self._duplicates(words[0], hits[:thresholds.DUPLICATE_RESCORE], rows)
        return [similar_idea_dto(doc_id, score, flags.get(doc_id, False))
                for doc_id, score in hits]

    def _live_ideas(self, vector: np.ndarray, first: int):
        """The `first` ideas most similar to `vector` at or above SIMILAR_MIN, declined ones
        left out (merged ones are not in the index), and their rows."""
        index = self.vectors.synced(IDEA, self.db.session)
        declined: set[str] = set()
        while True:
            hits = [(doc_id, score) for doc_id, score in index.search(vector, first, declined)
                    if score >= thresholds.SIMILAR_MIN]
            rows = store.documents(self.db.session, IDEA, [doc_id for doc_id, _ in hits])
            more = {doc_id for doc_id, _ in hits
                    if doc_id in rows and not domain.is_live_idea(rows[doc_id].status)}
            if not more:
                return [(d, s) for d, s in hits if d in rows], rows
            declined |= more

    def _duplicates(self, query_words: np.ndarray, hits: list[tuple[str, float]],
                    rows: dict) -> dict[str, bool]:
        """{idea id: possible duplicate} of `hits`: the duplicate score of the sentence
        cosine and the words without a counterpart, with the word vectors stored on the
        ideas' rows."""
        words = idea_words.words_of(self.db, [rows[doc_id] for doc_id, _ in hits])
        return {doc_id: domain.is_possible_duplicate(
                    duplicates.pair_score(score, query_words, words[doc_id]))
                for doc_id, score in hits}

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
