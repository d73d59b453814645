"""Input validation of the insights service's RPCs: raw input to typed values, or one
ValidationError naming every bad field."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.insights.documents import Doc, Encoded, Vectors
from services.insights.domain import KINDS, parse_time
from services.insights.encoder import EMBEDDING_DIM
from shared.errors import FieldErrors, ValidationError

MAX_FIRST = 50  # similar ideas and experiments, recommendations
MAX_THEMES = 100
MAX_TEXT = 5000
MAX_BATCH = 500
PROFILE = "PROFILE"  # index_documents of profiles (profile_updated fields)


@dataclass(frozen=True)
class Query:
    """A search: the text (whitespace folded) and how many results."""

    text: str
    first: int


def _first(value: object, default: int, most: int, errors: FieldErrors) -> int:
    first = default if value is None else value
    errors.check(isinstance(first, int) and 1 <= first <= most, "first",
                 f"must be between 1 and {most}")
    return first


def first(value: object, default: int, most: int) -> int:
    """How many results to answer: `default` when not given, else 1 to `most`."""
    errors = FieldErrors()
    clean = _first(value, default, most, errors)
    errors.raise_if_any()
    return clean


def query(text: object, first: object, field: str, default: int = 5) -> Query:
    """The text to compare (named `field` in errors) and how many results."""
    clean = " ".join(str(text or "").split())
    errors = FieldErrors()
    errors.check(bool(clean), field, "write a few words to compare")
    errors.check(len(clean) <= MAX_TEXT, field, f"must be at most {MAX_TEXT} characters")
    many = _first(first, default, MAX_FIRST, errors)
    errors.raise_if_any()
    return Query(clean, many)


def candidate_texts(candidates: object) -> list[str]:
    """Texts to compare with (whitespace folded, blank ones kept as a space), at most
    MAX_FIRST of MAX_TEXT characters each."""
    if not isinstance(candidates, list) or len(candidates) > MAX_FIRST:
        raise ValidationError(f"must be a list of at most {MAX_FIRST} texts", "candidates")
    return [(" ".join(str(c or "").split()) or " ")[:MAX_TEXT] for c in candidates]


def batch(kind: object, items: list) -> str:
    """The kind of a reindex batch (a document kind or PROFILE), at most MAX_BATCH items."""
    if kind not in (*KINDS, PROFILE):
        raise ValidationError(f"must be one of {', '.join((*KINDS, PROFILE))}", "kind")
    if len(items) > MAX_BATCH:
        raise ValidationError(f"at most {MAX_BATCH} items per call", "items")
    return kind


def docs_of(kind: str, items: list[dict]) -> list[Doc]:
    """Reindex items (Doc fields) of one kind."""
    return [Doc(kind=kind, id=str(item["id"]), title=item.get("title", ""), text=item["text"],
                status=item.get("status", ""), author_id=item.get("author_id"),
                active=bool(item.get("active", True)),
                created_at=parse_time(item.get("created_at")), extra=item.get("extra", {}))
            for item in items]


def given_embeddings(docs: list[Doc], items: list[dict]) -> Vectors:
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
        given[(doc.kind, doc.id)] = Encoded(vector / (norm or 1.0))
    errors.raise_if_any()
    return given
