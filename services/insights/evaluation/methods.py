"""The methods compared: Kaizen's (the same pure functions and thresholds the service
uses) and the baselines, all on the same embeddings."""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import HDBSCAN, KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import TfidfVectorizer

from services.insights import scoring, thresholds
from services.insights.clustering import (
    assign,
    centroid_of,
    cluster_areas,
    cluster_linkage,
    cluster_pool,
)
from services.insights.domain import MIN_THEME_SIZE
from services.insights.evaluation.metrics import UNASSIGNED, precision_recall
from services.insights.theme_upkeep import clusters_of


def kaizen_themes(vectors: np.ndarray) -> list[int]:
    """The service's clustering (theme_upkeep.clusters_of), then leftovers join the nearest
    theme at or above THEME_JOIN, as the service's full re-cluster does."""
    ids = list(range(len(vectors)))
    return _with_leftovers(vectors, clusters_of(ids, vectors), thresholds.THEME_JOIN)


def kaizen_cosine_themes(vectors: np.ndarray) -> list[int]:
    """Average linkage on the embeddings' own cosine at 0.25 (what shipped before the
    neighbourhood profiles), leftovers joining at THEME_JOIN."""
    ids = list(range(len(vectors)))
    return _with_leftovers(vectors, cluster_linkage(ids, vectors, 0.25, MIN_THEME_SIZE),
                           thresholds.THEME_JOIN)


def kaizen_areas(vectors: np.ndarray, themes: list) -> list:
    """Each item's broad area as the service forms them: average linkage over the centroids
    of `themes` (an item's theme label, UNASSIGNED for none) at THEME_AREA; an item in no
    theme is in no area."""
    groups: dict = {}
    for i, theme in enumerate(themes):
        if theme != UNASSIGNED:
            groups.setdefault(theme, []).append(i)
    centroids = {t: centroid_of(vectors[members]) for t, members in groups.items()}
    area_of = {t: a for a, members in enumerate(cluster_areas(centroids, thresholds.THEME_AREA))
               for t in members}
    return [UNASSIGNED if t == UNASSIGNED else area_of[t] for t in themes]


def previous_kaizen_themes(vectors: np.ndarray) -> list[int]:
    """What the service did before issue 20: greedy community detection at 0.45, leftovers
    joining at 0.40 (the 'before' row)."""
    ids = list(range(len(vectors)))
    return _with_leftovers(vectors, cluster_pool(ids, vectors, 0.45, MIN_THEME_SIZE), 0.40)


def _with_leftovers(vectors: np.ndarray, clusters: list[list[int]], join: float) -> list[int]:
    ids = list(range(len(vectors)))
    labels = [UNASSIGNED] * len(ids)
    for index, members in enumerate(clusters):
        for member in members:
            labels[member] = index
    centroids = {index: centroid_of(vectors[members]) for index, members in enumerate(clusters)}
    for i in ids:
        if labels[i] == UNASSIGNED:
            hit = assign(vectors[i], centroids, join)
            labels[i] = UNASSIGNED if hit is None else hit
    return labels


def kmeans_themes(vectors: np.ndarray, k: int) -> list[int]:
    """KMeans told the true number of themes (an advantage no real deployment has)."""
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors).tolist()


def bertopic_style_themes(vectors: np.ndarray) -> list[int]:
    """BERTopic's pipeline shape: reduce, then HDBSCAN with outliers as -1. UMAP is not
    installed here, so PCA to 5 dimensions stands in for it."""
    reduced = PCA(n_components=min(5, len(vectors) - 1), random_state=0).fit_transform(vectors)
    return HDBSCAN(min_cluster_size=MIN_THEME_SIZE).fit_predict(reduced).tolist()


def bertopic_defaults_themes(texts: list[str], vectors: np.ndarray) -> list[int]:
    """BERTopic 0.17 with its defaults (UMAP to 5 dimensions, HDBSCAN with min cluster size
    10, outliers as -1) on our embeddings; only UMAP's seed is fixed (random_state=42, its
    other parameters BERTopic's defaults), so the row is reproducible."""
    from bertopic import BERTopic  # dev extra only; imported here so the service never needs it
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                      low_memory=False, random_state=42)
    topics, _ = BERTopic(umap_model=umap_model).fit_transform(texts, embeddings=vectors)
    return [int(t) for t in topics]


def kaizen_rankings(profile_vectors: np.ndarray, opportunity_vectors: np.ndarray,
                    people_skills: list[list[str]], opportunity_skills: list[list[str]],
                    ids: list[str], first: int = 10) -> list[list[str]]:
    """The service's recommendation scoring: shortlist by semantic similarity, then rank by
    the blend of similarity and skill coverage (share of required skills held)."""
    rankings = []
    sims = profile_vectors @ opportunity_vectors.T
    for p, held in enumerate(people_skills):
        candidates = [scoring.Candidate(ids[o], ids[o], float(sims[p, o]))
                      for o in range(len(ids))]
        short = scoring.shortlist(candidates, first)
        index = {oid: o for o, oid in enumerate(ids)}
        for c in short:
            required = opportunity_skills[index[c.opportunity_id]]
            c.coverage = sum(1 for s in required if s in set(held)) / len(required)
        rankings.append([c.opportunity_id for c in scoring.ranked(short, len(short))])
    return rankings


def semantic_rankings(profile_vectors: np.ndarray, opportunity_vectors: np.ndarray,
                      ids: list[str]) -> list[list[str]]:
    sims = profile_vectors @ opportunity_vectors.T
    return [[ids[o] for o in np.argsort(-row, kind="stable")] for row in sims]


def tfidf_rankings(profiles: list[str], opportunities: list[str],
                   ids: list[str]) -> list[list[str]]:
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    docs = vectorizer.fit_transform(opportunities)
    sims = (vectorizer.transform(profiles) @ docs.T).toarray()
    return [[ids[o] for o in np.argsort(-row, kind="stable")] for row in sims]


def fit_duplicate_weights(features: np.ndarray, is_duplicate: Sequence[bool]
                          ) -> tuple[tuple[float, ...], float]:
    """The logistic regression of duplicates.score fitted on rows of duplicates.features,
    and the probability threshold of best F1 on the same pairs: ((w_cosine, w_closeness,
    w_share, bias), threshold). Only ever fitted on the tune split."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0).fit(features, list(is_duplicate))
    weights = (*(round(float(w), 3) for w in model.coef_[0]),
               round(float(model.intercept_[0]), 3))
    z = features @ np.array(weights[:-1]) + weights[-1]
    probabilities = (1 / (1 + np.exp(-z))).tolist()
    candidates = sorted(set(round(p, 2) for p in probabilities))
    threshold = max(candidates, key=lambda t: (
        precision_recall(probabilities, list(is_duplicate), t)["f1"], -t))
    return weights, threshold


# The duplicate score shipped until 2026-12-04 (cosine and BERTScore-style alignment, fitted
# on the ESCO tune half only), kept for the comparison rows.
PREVIOUS_DUPLICATE_WEIGHTS = (12.14, -5.862, -4.199)
PREVIOUS_DUPLICATE = 0.53


def previous_duplicate_scores(cosines: Sequence[float], aligned: Sequence[float]) -> list[float]:
    w_cosine, w_aligned, bias = PREVIOUS_DUPLICATE_WEIGHTS
    return [1 / (1 + math.exp(-(w_cosine * c + w_aligned * a + bias)))
            for c, a in zip(cosines, aligned, strict=True)]
