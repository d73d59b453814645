"""Plain, JSON-safe answers of the insights service. Reflection texts never leave: a theme
carries only their count."""
from __future__ import annotations

import json
from datetime import timedelta

from services.insights import domain, scoring
from services.insights.documents import extra_of
from services.insights.models import Document, Theme, ThemeArea
from services.insights.theme_summaries import counts_since
from shared.clock import now

TREND_DAYS = 30


def theme_dtos(themes: list[Theme]) -> list[dict]:
    """Everything shown comes from each theme's stored summary (theme_summaries.py)."""
    stamp = now()
    recent, previous = stamp - timedelta(days=TREND_DAYS), stamp - timedelta(days=2 * TREND_DAYS)
    return [_theme_dto(t, counts_since(t.idea_times, recent, previous)) for t in themes]


def area_dtos(areas: list[tuple[ThemeArea, list[Theme]]], themes_first: int) -> list[dict]:
    """Each area with its shown themes (the first `themes_first`, largest first); `size`
    and `theme_count` count all of its shown themes."""
    return [{"id": area.id, "label": area.label,
             "keywords": json.loads(area.keywords or "[]"),
             "size": sum(t.idea_count for t in themes), "theme_count": len(themes),
             "themes": theme_dtos(themes[:themes_first])} for area, themes in areas]


def _theme_dto(theme: Theme, since: list[int]) -> dict:
    return {
        "id": theme.id, "label": theme.label, "keywords": json.loads(theme.keywords or "[]"),
        "size": theme.idea_count, "idea_ids": json.loads(theme.idea_ids or "[]"),
        "representative_idea_id": theme.representative_id,
        "trend": {"last_30_days": since[0], "previous_30_days": since[1] - since[0]},
        "reflection_count": theme.reflection_count, "learning_count": theme.learning_count,
        "unaddressed": domain.is_unaddressed(theme), "area_id": theme.area_id,
    }


def similar_idea_dto(idea_id: str, score: float, possible_duplicate: bool) -> dict:
    """`score`: the cosine similarity (the ranking); `possible_duplicate`: the duplicate
    score's verdict (duplicates.py)."""
    return {"idea_id": idea_id, "score": round(score, 4),
            "possible_duplicate": possible_duplicate}


def experiment_dto(row: Document, score: float) -> dict:
    extra = extra_of(row)
    return {"experiment_id": row.id, "score": round(score, 4), "title": row.title,
            "hypothesis": extra.get("hypothesis", ""), "decision": extra.get("decision"),
            "learnings": extra.get("learnings", "")}


def recommendation_dto(c: scoring.Candidate, mentors: list[dict]) -> dict:
    reasons, details = scoring.explain(c, [m["name"] for m in mentors])
    return {"opportunity_id": c.opportunity_id, "score": c.score,
            "reasons": reasons, "details": details,
            "matched_skills": c.matched, "missing_skills": c.missing,
            "mentors": [{"id": m["id"], "name": m["name"]} for m in mentors]}
