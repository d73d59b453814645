"""Themes as the API shows them, and their entrypoints (mixed into InsightsService).

A theme's `size` counts its live ideas; shared reflections and concluded experiments with
learnings that fall in it are counted apart. A theme people reflect on while no live
(not declined) idea addresses it is `unaddressed`. Reflection texts never leave: only counts.
Everything shown comes from each theme's stored summary (summaries.py): a read never
loads a theme's members.
"""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import or_, select

from services.insights import summaries, theming
from services.insights.documents import IDEA
from services.insights.models import Document, Theme
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import ValidationError

MAX_THEMES = 100
MAX_IDEAS = summaries.MAX_IDEAS
TREND_DAYS = 30


def shown(query):
    """Themes with a live idea or a shared reflection in them."""
    return query.where(or_(Theme.idea_count > 0, Theme.reflection_count > 0))


def shown_with_ids(session, theme_ids: set[str]) -> list[Theme]:
    return list(session.scalars(shown(select(Theme)).where(Theme.id.in_(theme_ids))))


def largest(session, first: int, unaddressed: bool | None = None) -> list[Theme]:
    """Largest first, then the most reflected on, from the stored summaries."""
    query = shown(select(Theme))
    if unaddressed is True:
        query = query.where(Theme.reflection_count > 0, Theme.live_idea_count == 0)
    elif unaddressed is False:
        query = query.where(or_(Theme.reflection_count == 0, Theme.live_idea_count > 0))
    return list(session.scalars(query.order_by(
        Theme.idea_count.desc(), Theme.reflection_count.desc(), Theme.id).limit(first)))


def theme_dtos(themes: list[Theme]) -> list[dict]:
    stamp = now()
    recent, previous = stamp - timedelta(days=TREND_DAYS), stamp - timedelta(days=2 * TREND_DAYS)
    return [_dto(t, summaries.counts_since(t.idea_times, recent, previous)) for t in themes]


def _dto(theme: Theme, since: list[int]) -> dict:
    return {
        "id": theme.id, "label": theme.label, "keywords": json.loads(theme.keywords or "[]"),
        "size": theme.idea_count, "idea_ids": json.loads(theme.idea_ids or "[]"),
        "representative_idea_id": theme.representative_id,
        "trend": {"last_30_days": since[0], "previous_30_days": since[1] - since[0]},
        "reflection_count": theme.reflection_count, "learning_count": theme.learning_count,
        "unaddressed": theme.reflection_count > 0 and theme.live_idea_count == 0,
    }


class ThemeEntrypoints:
    @rpc
    def themes(self, first: int | None = None, unaddressed: bool | None = None) -> list[dict]:
        """Largest first (then most reflected on); `unaddressed` filters on the flag."""
        self.caller.require()
        first = 10 if first is None else first
        if not 1 <= first <= MAX_THEMES:
            raise ValidationError(f"must be between 1 and {MAX_THEMES}", "first")
        return theme_dtos(largest(self.db.session, first, unaddressed))

    @rpc
    def theme_of_ideas(self, idea_ids: list[str]) -> list[dict | None]:
        """Batch read for Idea.theme: the theme of each idea, in the order asked."""
        self.caller.require()
        rows = self.db.session.execute(select(Document.id, Document.theme_id).where(
            Document.kind == IDEA, Document.id.in_(idea_ids), Document.active.is_(True))).all()
        theme_of = {doc_id: theme_id for doc_id, theme_id in rows if theme_id}
        themes = shown_with_ids(self.db.session, set(theme_of.values()))
        dtos = {d["id"]: d for d in theme_dtos(themes)}
        return [dtos.get(theme_of.get(i)) for i in idea_ids]

    @rpc
    def theme(self, theme_id: str) -> dict | None:
        """One shown theme by id; None for an unknown id or a theme left empty."""
        self.caller.require()
        found = theme_dtos(shown_with_ids(self.db.session, {str(theme_id)}))
        return found[0] if found else None

    @rpc
    def recluster(self, full: bool = True) -> dict:
        """Reviewers and admins: re-cluster everything (ids kept where clusters overlap), or
        only the pool when `full` is false."""
        self.caller.require().require("reviewer")
        if full:
            result = theming.recluster_everything(self.db.session)
        else:
            result = {"created": len(theming.cluster_the_pool(self.db.session))}
        self.db.commit()
        return result
