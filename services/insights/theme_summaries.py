"""Per-theme summaries kept with the themes, so reading themes never loads their members.

Every flush notes the themes whose members changed (a document joined, left, changed
status, text or learnings, or a theme's centroid moved). Before the transaction commits,
each noted theme gets its centroid, counts (ideas, live ideas, reflections, learnings),
its ideas closest to the centre first and their creation times (for trends), from one
read of its members. So a write costs
one pass over the themes it touched, and `themes` / `theme_of_ideas` read a few rows.
The listeners act on sessions that hold insights documents only.
"""
from __future__ import annotations

import json
from datetime import datetime

import numpy as np
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from services.insights import domain
from services.insights.clustering import centroid_of
from services.insights.documents import stack, to_bytes
from services.insights.domain import CLUSTERED, IDEA, REFLECTION
from services.insights.models import Document, Theme
from shared.clock import now

MAX_IDEAS = 100  # ideas kept per theme, closest to its centre first
NOTED = "insights.themes_touched"
CENTROIDS = "insights.centroids"  # theme_upkeep's cache of the centroid matrix, per transaction


def touched(session: Session) -> set[str]:
    return session.info.setdefault(NOTED, set())


# what a summary is made of: a document whose write changed none of these (a reindex
# pushing it again only gives it a new rev) leaves its theme's summary as it was
SUMMARISED = ("theme_id", "active", "status", "embedding", "extra", "created_at")


@event.listens_for(Session, "before_flush")
def _note(session: Session, _context, _instances) -> None:
    dirty = session.dirty  # computed afresh on each access: once, not once per object
    for obj in (*session.new, *dirty, *session.deleted):
        if isinstance(obj, Document):
            state = inspect(obj)
            if obj in dirty and not any(
                    state.attrs[name].history.has_changes() for name in SUMMARISED):
                continue
            history = state.attrs.theme_id.load_history()
            touched(session).update(t for t in (*history.sum(), obj.theme_id) if t)
        elif isinstance(obj, Theme):
            session.info.pop(CENTROIDS, None)
            if obj in session.new or inspect(obj).attrs.centroid.history.has_changes():
                touched(session).add(obj.id)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    pending = (*session.new, *session.dirty, *session.deleted)
    if session.info.get(NOTED) or any(isinstance(o, Document | Theme) for o in pending):
        settle(session)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(NOTED, None)
    session.info.pop(CENTROIDS, None)


def settle(session: Session) -> None:
    """Brings the summaries of every theme touched so far in this transaction up to date."""
    session.flush()
    theme_ids = session.info.pop(NOTED, set())
    if theme_ids:
        summarise(session, theme_ids)
        session.flush()
        session.info.pop(NOTED, None)  # the summaries just written touched only themselves


def summarise(session: Session, theme_ids: set[str]) -> None:
    themes = {t.id: t for t in session.scalars(select(Theme).where(Theme.id.in_(theme_ids)))}
    rows = session.execute(select(
        Document.theme_id, Document.kind, Document.id, Document.status, Document.embedding,
        Document.extra, Document.created_at).where(
        Document.theme_id.in_(set(themes)), Document.active.is_(True)).order_by(
        Document.kind, Document.id)).all()
    grouped: dict[str, list] = {t: [] for t in themes}
    for row in rows:
        grouped[row.theme_id].append(row)
    for theme_id, theme in themes.items():
        _summarise_one(theme, grouped[theme_id])


def _summarise_one(theme: Theme, rows: list) -> None:
    rows = [r for r in rows if domain.joins_themes(r.kind, r.status)]  # never a TEAM one
    clustered = [r for r in rows if r.kind in CLUSTERED]
    if clustered:  # a theme left empty keeps its last centre
        theme.centroid = to_bytes(centroid_of(stack([r.embedding for r in clustered])))
        theme.updated_at = now()
    ideas = [r for r in rows if r.kind == IDEA]
    theme.idea_count = len(ideas)
    theme.live_idea_count = sum(1 for r in ideas if domain.is_live_idea(r.status))
    theme.reflection_count = sum(1 for r in rows if r.kind == REFLECTION)
    theme.learning_count = sum(1 for r in rows if domain.is_learning(
        r.kind, json.loads(r.extra or "{}").get("learnings")))
    theme.idea_ids = json.dumps(closest_first(ideas, theme.centroid)[:MAX_IDEAS])
    theme.idea_times = np.sort(np.array([r.created_at.timestamp() for r in ideas],
                                        dtype=np.float64)).tobytes()


def counts_since(idea_times: bytes, *moments: datetime) -> list[int]:
    """How many of a theme's live ideas were created at or after each moment."""
    times = np.frombuffer(idea_times or b"", dtype=np.float64)
    return [len(times) - int(np.searchsorted(times, m.timestamp(), "left")) for m in moments]


def closest_first(ideas: list, centroid: bytes) -> list[str]:
    """Ids of `ideas` (rows with .id and .embedding, ordered by id) by cosine to the
    centroid, ties by id."""
    if not ideas:
        return []
    scores = stack([r.embedding for r in ideas]) @ stack([centroid])[0]
    return [ideas[i].id for i in np.lexsort((np.arange(len(ideas)), -scores)).tolist()]
