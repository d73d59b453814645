"""Themes as the API shows them, and their entrypoints (mixed into InsightsService).

A theme's `size` counts its live ideas; shared reflections and concluded experiments with
learnings that fall in it are counted apart. A theme people reflect on while no live
(not declined) idea addresses it is `unaddressed`. Reflection texts never leave: only counts.
"""
from __future__ import annotations

import json
from datetime import timedelta

from nameko.rpc import rpc
from sqlalchemy import select

from services.insights import theming
from services.insights.documents import EXPERIMENT, IDEA, REFLECTION, extra_of, from_bytes, stack
from services.insights.models import Document, Theme
from shared.errors import ValidationError
from shared.outbox import now

MAX_THEMES = 100
MAX_IDEAS = 100
TREND_DAYS = 30


def theme_dtos(session, theme_ids: set[str] | None = None) -> list[dict]:
    query = select(Theme) if theme_ids is None else select(Theme).where(Theme.id.in_(theme_ids))
    themes = {t.id: t for t in session.scalars(query)}
    rows = session.scalars(select(Document).where(
        Document.theme_id.in_(set(themes)), Document.active.is_(True))).all()
    grouped: dict[str, list[Document]] = {t: [] for t in themes}
    for row in rows:
        grouped[row.theme_id].append(row)
    dtos = [_dto(themes[t], grouped[t]) for t in themes]
    return [d for d in dtos if d["size"] or d["reflection_count"]]


def _dto(theme: Theme, rows: list[Document]) -> dict:
    ideas = [r for r in rows if r.kind == IDEA]
    stamp = now()
    recent, previous = stamp - timedelta(days=TREND_DAYS), stamp - timedelta(days=2 * TREND_DAYS)
    reflections = sum(1 for r in rows if r.kind == REFLECTION)
    return {
        "id": theme.id, "label": theme.label, "keywords": json.loads(theme.keywords or "[]"),
        "size": len(ideas), "idea_ids": _closest_first(ideas, theme)[:MAX_IDEAS],
        "representative_idea_id": theme.representative_id,
        "trend": {"last_30_days": sum(1 for r in ideas if r.created_at >= recent),
                  "previous_30_days": sum(1 for r in ideas
                                          if previous <= r.created_at < recent)},
        "reflection_count": reflections,
        "learning_count": sum(1 for r in rows if r.kind == EXPERIMENT
                              and (extra_of(r).get("learnings") or "").strip()),
        "unaddressed": reflections > 0 and not any(r.status != "DECLINED" for r in ideas),
    }


def _closest_first(ideas: list[Document], theme: Theme) -> list[str]:
    if not ideas:
        return []
    scores = stack([r.embedding for r in ideas]) @ from_bytes(theme.centroid)
    order = sorted(range(len(ideas)), key=lambda i: (-float(scores[i]), ideas[i].id))
    return [ideas[i].id for i in order]


def _rank(dto: dict) -> tuple:
    return (-dto["size"], -dto["reflection_count"], dto["id"])


class ThemeEntrypoints:
    @rpc
    def themes(self, first: int | None = None, unaddressed: bool | None = None) -> list[dict]:
        """Largest first (then most reflected on); `unaddressed` filters on the flag."""
        self.caller.require()
        first = 10 if first is None else first
        if not 1 <= first <= MAX_THEMES:
            raise ValidationError(f"must be between 1 and {MAX_THEMES}", "first")
        found = theme_dtos(self.db.session)
        if unaddressed is not None:
            found = [d for d in found if d["unaddressed"] == unaddressed]
        return sorted(found, key=_rank)[:first]

    @rpc
    def theme_of_ideas(self, idea_ids: list[str]) -> list[dict | None]:
        """Batch read for Idea.theme: the theme of each idea, in the order asked."""
        self.caller.require()
        rows = self.db.session.execute(select(Document.id, Document.theme_id).where(
            Document.kind == IDEA, Document.id.in_(idea_ids), Document.active.is_(True))).all()
        theme_of = {doc_id: theme_id for doc_id, theme_id in rows if theme_id}
        dtos = {d["id"]: d for d in theme_dtos(self.db.session, set(theme_of.values()))}
        return [dtos.get(theme_of.get(i)) for i in idea_ids]

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
