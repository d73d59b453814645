"""Broad areas over the themes, for the overview: each theme belongs to exactly one area.

Areas are formed from the themes' centroids by average linkage at THEME_AREA
(clustering.cluster_areas) whenever the themes are (re)labelled, i.e. after every clustering
of the pool and every re-cluster; an area keeps the id of the old area whose themes it
overlaps by THEME_MATCH (Jaccard), as themes do. A new idea joins a theme, and so shows
under that theme's area at once. An area is labelled like a theme, by c-TF-IDF over the
label texts of its themes' members (domain.label_text: ideas and ORGANIZATION-wide
reflections, never a TEAM one's words), re-ranked by closeness to the area's centre.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.insights import thresholds
from services.insights.clustering import centroid_of, cluster_areas, match_clusters
from services.insights.documents import from_bytes, to_bytes
from services.insights.models import Theme, ThemeArea
from shared.clock import now

Labeller = Callable[[Mapping[str, list[str]], Mapping[str, np.ndarray]],
                    dict[str, tuple[list[str], str]]]


def arrange(session: Session, themes: Mapping[str, Theme], docs: Mapping[str, list[str]],
            labels: Labeller) -> None:
    """Areas for every theme in `themes` (its label texts in `docs`), ids kept where the
    areas overlap the old ones; areas left with no theme are deleted. `labels` names
    groups of texts (theme_upkeep's labelling)."""
    centres = {t: from_bytes(theme.centroid) for t, theme in themes.items() if theme.centroid}
    groups = cluster_areas(centres, thresholds.THEME_AREA)
    old: dict[str, set[str]] = {}
    for theme in themes.values():
        if theme.area_id:
            old.setdefault(theme.area_id, set()).add(theme.id)
    matched = match_clusters(old, [set(g) for g in groups], thresholds.THEME_MATCH)
    existing = {a.id: a for a in session.scalars(select(ThemeArea))}
    areas: dict[str, ThemeArea] = {}
    for index, group in enumerate(groups):
        area = existing.get(matched[index]) or _new_area(session)
        area.centroid = to_bytes(centroid_of(np.stack([centres[t] for t in group])))
        area.updated_at = now()
        for theme_id in group:
            themes[theme_id].area_id = area.id
        areas[area.id] = area
    for area_id, area in existing.items():
        if area_id not in areas:
            session.delete(area)
    _label(areas, themes, docs, labels)
    session.flush()


def _new_area(session: Session) -> ThemeArea:
    stamp = now()
    area = ThemeArea(id=str(uuid.uuid4()), created_at=stamp, updated_at=stamp, centroid=b"")
    session.add(area)
    return area


def _label(areas: Mapping[str, ThemeArea], themes: Mapping[str, Theme],
           docs: Mapping[str, list[str]], labels: Labeller) -> None:
    texts: dict[str, list[str]] = {area_id: [] for area_id in areas}
    for theme_id, theme in themes.items():
        if theme.area_id in texts:
            texts[theme.area_id].extend(docs.get(theme_id, ()))
    named = labels(texts, {a: from_bytes(area.centroid) for a, area in areas.items()})
    for area_id, area in areas.items():
        keywords, label = named[area_id]
        area.keywords, area.label = json.dumps(keywords), label
