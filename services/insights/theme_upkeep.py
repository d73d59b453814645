"""The stored themes kept up to date, with stable ids, on top of the pure clustering maths
in clustering.py.

* An arriving idea or ORGANIZATION-wide reflection joins the nearest theme when its cosine to the
  centroid is at least THEME_JOIN; otherwise it waits in the pool (theme_id NULL).
* Every RECLUSTER_EVERY pool arrivals the pool is clustered into new themes by average
  linkage (:func:`cluster_the_pool`, :func:`clusters_of`); on demand everything is
  re-clustered and the new clusters take over the ids of the old themes they overlap
  (:func:`recluster_everything`).
* Concluded experiments only join themes (their learnings are counted), never form one.
Labels come from c-TF-IDF keywords of the ideas and ORGANIZATION-wide reflections (never
team-only text, which the whole organisation would then read), re-ranked by closeness to
the centroid.
"""
from __future__ import annotations

import json
import uuid

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.insights import domain, theme_areas, theme_summaries, thresholds
from services.insights.clustering import (
    assign_in,
    centroid_of,
    cluster_linkage,
    cluster_pool,
    ctfidf_keywords,
    label_from,
    match_clusters,
    neighbour_profiles,
    rerank_keywords,
    stacked,
)
from services.insights.documents import from_bytes, stack, to_bytes
from services.insights.domain import CLUSTERED, EXPERIMENT, IDEA, KEYWORDS, MIN_THEME_SIZE
from services.insights.encoder import get_encoder
from services.insights.models import Document, Theme
from services.insights.store import bump, may_join_themes, reset
from shared.clock import now


def centroids(session: Session) -> dict[str, np.ndarray]:
    return {t.id: from_bytes(t.centroid) for t in session.scalars(select(Theme))}


def members(session: Session, theme_ids: set[str] | None = None) -> list[Document]:
    query = select(Document).where(Document.kind.in_(CLUSTERED), Document.active.is_(True),
                                   may_join_themes())
    if theme_ids is not None:
        query = query.where(Document.theme_id.in_(theme_ids))
    return list(session.scalars(query.order_by(Document.kind, Document.id)))


def place(session: Session, row: Document) -> bool:
    """Joins `row` to a theme or leaves it in the pool; True when the pool is due for
    clustering. Call after the row's text, embedding and `active` are written. The centres
    of the themes it left or joined move when the transaction settles (theme_summaries.py),
    so a batch placed in one transaction is placed against the centres it started with."""
    before = row.theme_id
    joins = row.active and domain.joins_themes(row.kind, row.status)
    row.theme_id = _nearest(session, row) if joins else None
    if row.kind in CLUSTERED and joins and row.theme_id is None and before is None:
        return bump(session, "pool_arrivals") >= thresholds.RECLUSTER_EVERY
    return False


def _nearest(session: Session, row: Document) -> str | None:
    """`assign` against every centroid, with the stacked centroids cached until a theme
    changes."""
    session.flush()  # a theme changed since the cache was filled drops it
    cached = session.info.get(theme_summaries.CENTROIDS)
    if cached is None:
        cached = session.info[theme_summaries.CENTROIDS] = stacked(centroids(session))
    return assign_in(from_bytes(row.embedding), *cached, thresholds.THEME_JOIN)


def clusters_of(ids: list, vectors: np.ndarray) -> list[list]:
    """Average linkage up to LINKAGE_MAX documents: on neighbourhood profiles at
    THEME_CLUSTER from NEIGHBOURS_MIN documents on (a profile needs neighbours to tell
    topics apart), on the embeddings' cosine at THEME_CLUSTER_SMALL below; community
    detection at THEME_COMMUNITY beyond LINKAGE_MAX (memory)."""
    if len(ids) > thresholds.LINKAGE_MAX:
        return cluster_pool(ids, vectors, thresholds.THEME_COMMUNITY, MIN_THEME_SIZE)
    if len(ids) < thresholds.NEIGHBOURS_MIN:
        return cluster_linkage(ids, vectors, thresholds.THEME_CLUSTER_SMALL, MIN_THEME_SIZE)
    ordered, profiles = neighbour_profiles(ids, vectors, thresholds.NEIGHBOURS)
    return cluster_linkage(ordered, profiles, thresholds.THEME_CLUSTER, MIN_THEME_SIZE)


def cluster_the_pool(session: Session) -> list[str]:
    """New themes from the pool; existing themes keep their ids and members. Returns the
    ids of the themes created."""
    pool = list(session.scalars(select(Document).where(
        Document.kind.in_(CLUSTERED), Document.active.is_(True), Document.theme_id.is_(None),
        may_join_themes()).order_by(Document.kind, Document.id)))
    created = []
    for cluster in clusters_of([r.id for r in pool], stack([r.embedding for r in pool])):
        created.append(_new_theme(session, [r for r in pool if r.id in set(cluster)]))
    reset(session, "pool_arrivals")
    relabel(session)
    return created


def recluster_everything(session: Session) -> dict:
    """Re-clusters every idea and reflection; a new cluster keeps the id of the old theme it
    overlaps by at least THEME_MATCH (Jaccard). Deterministic for the same documents."""
    rows = members(session)
    by_id = {r.id: r for r in rows}
    old = {}
    for row in rows:
        if row.theme_id:
            old.setdefault(row.theme_id, set()).add(row.id)
    clusters = clusters_of(list(by_id), stack([r.embedding for r in rows]))
    # old themes hold their joined leftovers too: match them against what each new cluster
    # will hold once its leftovers have joined, or a theme that gathered many would lose its id
    matched = match_clusters(old, with_leftovers(by_id, clusters), thresholds.THEME_MATCH)
    kept = {theme_id for theme_id in matched.values() if theme_id}
    for row in rows:
        row.theme_id = None
    final = {_fill_theme(session, matched[index], [by_id[i] for i in cluster])
             for index, cluster in enumerate(clusters)}
    for theme in session.scalars(select(Theme)).all():
        if theme.id not in final:
            session.delete(theme)
    session.flush()
    _rejoin_leftovers(session, rows)
    reset(session, "pool_arrivals")
    relabel(session)
    return {"themes": len(clusters), "kept": len(kept), "pooled": sum(
        1 for r in rows if r.theme_id is None)}


def with_leftovers(by_id: dict[str, Document], clusters: list[list[str]]) -> list[set[str]]:
    """Each cluster's members plus the unclustered items that will join it (nearest centroid
    at or above THEME_JOIN), exactly as `_rejoin_leftovers` places them."""
    sets = [set(c) for c in clusters]
    centres = stacked({i: centroid_of(stack([by_id[m].embedding for m in c]))
                       for i, c in enumerate(clusters)})
    clustered = set().union(*sets)
    for doc_id, row in by_id.items():
        if doc_id not in clustered:
            hit = assign_in(from_bytes(row.embedding), *centres, thresholds.THEME_JOIN)
            if hit is not None:
                sets[hit].add(doc_id)
    return sets


def _rejoin_leftovers(session: Session, rows: list[Document]) -> None:
    """Items the greedy clustering left out join a theme if close enough, as on arrival;
    experiments are re-placed against the new centroids."""
    current = stacked(centroids(session))
    experiments = session.scalars(select(Document).where(
        Document.kind == EXPERIMENT, Document.active.is_(True))).all()
    for row in [*[r for r in rows if r.theme_id is None], *experiments]:
        row.theme_id = assign_in(from_bytes(row.embedding), *current, thresholds.THEME_JOIN)
    # their centres move once, in theme_summaries.settle (relabel calls it), for every
    # theme touched


def _new_theme(session: Session, rows: list[Document]) -> str:
    return _fill_theme(session, None, rows)


def _fill_theme(session: Session, theme_id: str | None, rows: list[Document]) -> str:
    theme = session.get(Theme, theme_id) if theme_id else None
    if theme is None:
        stamp = now()
        theme = Theme(id=theme_id or str(uuid.uuid4()), created_at=stamp, updated_at=stamp,
                      centroid=b"")
        session.add(theme)
    theme.centroid = to_bytes(centroid_of(stack([r.embedding for r in rows])))
    theme.updated_at = now()
    for row in rows:
        row.theme_id = theme.id
    session.flush()
    return theme.id


def relabel(session: Session) -> None:
    """Keywords, label and representative idea of every theme, then the areas over them
    (theme_areas.py)."""
    theme_summaries.settle(session)  # centres of the themes joined in this transaction
    themes = {t.id: t for t in session.scalars(select(Theme))}
    rows = [r for r in members(session, set(themes))]
    docs = {theme_id: [] for theme_id in themes}
    for row in rows:
        text = domain.label_text(row)
        if text:
            docs[row.theme_id].append(text)
    named = labels(docs, {t: from_bytes(theme.centroid) for t, theme in themes.items()})
    for theme_id, theme in themes.items():
        ranked, theme.label = named[theme_id]
        theme.keywords = json.dumps(ranked)
        theme.representative_id = _representative(
            [r for r in rows if r.theme_id == theme_id and r.kind == IDEA],
            from_bytes(theme.centroid))
    session.flush()
    theme_areas.arrange(session, themes, docs, labels)


def labels(docs: dict[str, list[str]], centres: dict[str, np.ndarray]
           ) -> dict[str, tuple[list[str], str]]:
    """(keywords, label) of each group of label texts: c-TF-IDF over the groups, re-ranked
    by closeness to the group's centre."""
    keywords = ctfidf_keywords(docs, top_n=KEYWORDS * 2)
    words = sorted({w for ws in keywords.values() for w in ws})
    # on the hub, briefly: the caller holds the write lock, which must not wait on a thread
    vectors = dict(zip(words, get_encoder().encode(words), strict=True)) if words else {}
    named = {}
    for group, centre in centres.items():
        ranked = keywords.get(group) or []
        if ranked:
            ranked = rerank_keywords(ranked, np.stack([vectors[w] for w in ranked]), centre,
                                     KEYWORDS)
        named[group] = (ranked, label_from(ranked))
    return named


def _representative(ideas: list[Document], centroid: np.ndarray) -> str | None:
    if not ideas:
        return None
    scores = stack([r.embedding for r in ideas]) @ centroid
    best = max(range(len(ideas)), key=lambda i: (float(scores[i]), -i))
    return ideas[best].id
