"""The evaluation's metrics on tiny inputs whose answers are known by hand."""
from __future__ import annotations

import pytest

from services.insights.evaluation.metrics import (
    UNASSIGNED,
    clustering_scores,
    precision_recall,
    rank_of,
    recall_and_mrr,
)


def test_a_perfect_clustering_scores_one_whatever_the_label_names():
    scores = clustering_scores(["a", "a", "b", "b"], [7, 7, 3, 3])
    assert scores == {"nmi": pytest.approx(1.0), "ari": pytest.approx(1.0), "unassigned": 0.0}


def test_unassigned_items_count_against_the_clustering():
    scores = clustering_scores(["a", "a", "b", "b"], [0, 0, UNASSIGNED, UNASSIGNED])
    assert scores["unassigned"] == 0.5
    worse = clustering_scores(["a", "a", "b", "b"], [0, UNASSIGNED, 1, UNASSIGNED])
    assert worse["ari"] < scores["ari"]


def test_precision_and_recall_count_flags_at_the_threshold():
    result = precision_recall([0.9, 0.8, 0.7, 0.2], [True, False, True, True], 0.75)
    assert result["precision"] == 0.5  # 0.9 right, 0.8 wrong
    assert result["recall"] == pytest.approx(1 / 3)


def test_recall_at_1_and_k_and_mrr():
    rankings = [["x", "y", "z"], ["y", "x", "z"], ["y", "z", "x"], ["z", "y", "q"]]
    result = recall_and_mrr(rankings, ["x", "x", "x", "x"], k=2)
    assert rank_of(rankings[2], "x") == 3 and rank_of(rankings[3], "x") is None
    assert result["recall@1"] == pytest.approx(1 / 4)
    assert result["recall@2"] == pytest.approx(2 / 4)
    assert result["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 4)


def test_mrr_of_three():
    rankings = [["x", "y", "z"], ["y", "z", "x"], ["z", "y", "q"]]
    result = recall_and_mrr(rankings, ["x", "x", "x"], k=2)
    assert result["mrr"] == pytest.approx((1 + 1 / 3) / 3)


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError):
        clustering_scores([], [])
    with pytest.raises(ValueError):
        recall_and_mrr([["x"]], ["x", "y"])
