"""The shipped thresholds against the committed out-of-sample sets, with the real encoder
(the process's one get_encoder() load): a change of model or threshold that loses quality
fails here. The figures are those of `make eval` (docs/insights.md)."""

from __future__ import annotations

import pytest

from services.insights import thresholds
from services.insights.encoder import get_encoder
from services.insights.evaluation import datasets, methods
from services.insights.evaluation.metrics import clustering_scores, precision_recall


def test_duplicate_threshold_holds_on_the_report_half_of_the_esco_pairs():
    pairs, is_duplicate, _ = datasets.esco_pairs("report")
    encoder = get_encoder()
    left, right = encoder.encode([a for a, _ in pairs]), encoder.encode([b for _, b in pairs])
    result = precision_recall((left * right).sum(axis=1).tolist(), is_duplicate,
                              thresholds.DUPLICATE)
    assert result["precision"] >= 0.85 and result["f1"] >= 0.75, result


def test_themes_on_the_report_half_beat_the_previous_method_and_leave_few_out():
    data = datasets.theme_topics("report")
    vectors = get_encoder().encode(data.texts)
    now = clustering_scores(data.topics, methods.kaizen_themes(vectors))
    before = clustering_scores(data.topics, methods.previous_kaizen_themes(vectors))
    assert now["unassigned"] <= 0.10, now
    assert now["nmi"] >= 0.60 and now["ari"] >= 0.25, now
    assert now["ari"] > before["ari"] and now["nmi"] > before["nmi"], (now, before)


def test_neighbour_profiles_beat_plain_cosine_linkage_on_the_report_half():
    data = datasets.theme_topics("report")
    vectors = get_encoder().encode(data.texts)
    now = clustering_scores(data.topics, methods.kaizen_themes(vectors))
    cosine = clustering_scores(data.topics, methods.kaizen_cosine_themes(vectors))
    assert now["ari"] >= 0.30 and now["nmi"] >= 0.65, now
    assert now["ari"] > cosine["ari"] and now["nmi"] > cosine["nmi"], (now, cosine)
    assert now["unassigned"] <= cosine["unassigned"], (now, cosine)


def test_areas_on_the_report_half_agree_with_the_broad_areas_better_than_kmeans():
    data = datasets.theme_topics("report")
    vectors = get_encoder().encode(data.texts)
    areas = clustering_scores(data.areas, methods.kaizen_areas(
        vectors, methods.kaizen_themes(vectors)))
    kmeans = clustering_scores(data.areas, methods.kmeans_themes(vectors, 8))
    assert areas["ari"] >= 0.20 and areas["ari"] > kmeans["ari"], (areas, kmeans)


@pytest.mark.parametrize("half", ["tune", "report"])
def test_the_halves_hold_what_their_provenance_says(half):
    topics = datasets.theme_topics(half)
    assert len(topics.texts) == 160 and len(set(topics.topics)) == 20
    assert len(set(topics.areas)) == 8
    pairs, is_duplicate, kinds = datasets.esco_pairs(half)
    assert set(kinds) == {"synonym", "sibling", "unrelated"}
    assert all(d == (k == "synonym") for d, k in zip(is_duplicate, kinds, strict=True))
    other = "report" if half == "tune" else "tune"
    assert not set(topics.texts) & set(datasets.theme_topics(other).texts)
    assert not set(pairs) & set(datasets.esco_pairs(other)[0])
