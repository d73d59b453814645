"""Tables of the insights service: a read model derived from other services' events.

Everything here can be rebuilt (`kaizen-insights reindex`) except `dismissals` and
`duplicate_feedback`, which record what people said (not interested; not the same). Every
embedded item is one `documents` row (kind IDEA, REFLECTION, EXPERIMENT or OPPORTUNITY) with
its float32 embedding, so a restart never re-encodes; `rev` (from the `counters` row "rev")
tells each process's in-memory vector cache which rows changed since it last looked.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_kind_rev", "kind", "rev"),
        Index("ix_documents_kind_theme", "kind", "theme_id"),
    )

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="")
    author_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # False: merged idea, unshared reflection, closed opportunity; kept out of every search
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    theme_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    rev: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[str] = mapped_column(Text, default="{}")  # JSON: kind-specific fields
    embedding: Mapped[bytes] = mapped_column(LargeBinary)  # float32, unit norm
    # IDEA: the salient word vectors of `text` for the duplicate score (documents.py
    # words_to_bytes: int8, 384 a word); NULL until encoded here (a given embedding, a row
    # from before i19_0002: filled on its first re-score)
    words: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    representative_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # the summary (theme_summaries.py keeps it as members change): read without loading members
    idea_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    live_idea_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reflection_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    learning_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    idea_ids: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON
    # float64 epoch seconds when each of its live ideas was created, ascending (for trends)
    idea_times: Mapped[bytes] = mapped_column(LargeBinary, default=b"", server_default="")
    # the broad area it belongs to (theme_areas.py); NULL until the next clustering forms areas
    area_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


class ThemeArea(Base):
    """A broad area of themes for the overview: average linkage over the themes' centroids
    (theme_areas.py). Its id survives re-clustering like a theme's; its label comes from
    the words of its themes' ideas and ORGANIZATION-wide reflections only."""

    __tablename__ = "theme_areas"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Profile(Base):
    """The latest profile_updated of each person."""

    __tablename__ = "profiles"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="[]")
    interests: Mapped[str] = mapped_column(Text, default="[]")
    aspirations: Mapped[str] = mapped_column(Text, default="")
    mentoring_skills: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Dismissal(Base):
    """`notInterested`: never recommended again to this person; similar ones weigh less."""

    __tablename__ = "dismissals"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    opportunity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DuplicateFeedback(Base):
    """"Not the same": a person said a suggested idea is not the one they are writing. Kept
    to calibrate the duplicate threshold (`kaizen-insights feedback`); never shown to others.
    `text` is the person's draft as they had typed it (folded whitespace)."""

    __tablename__ = "duplicate_feedback"

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    idea_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)  # the model's cosine when it was said
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ReindexPushed(Base):
    """A document the running reindex pushed back exactly as held: it keeps its revision
    (so no process's index reads it again) and `finish_reindex` counts it as pushed.
    Emptied as a reindex begins and finishes."""

    __tablename__ = "reindex_pushed"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)


class Counter(Base):
    """Named integers: "rev" (document revisions), "pool_arrivals" (since the last
    re-clustering)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
