"""Quality metrics (pure functions): clustering agreement, pair precision/recall, ranking."""
from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

UNASSIGNED = -1


def clustering_scores(truth: Sequence, predicted: Sequence[int]) -> dict:
    """NMI and ARI over every item, the unassigned counted as one more cluster (as BERTopic's
    outliers are), plus the share left unassigned."""
    if len(truth) != len(predicted) or not truth:
        raise ValueError("truth and predicted must be non-empty and of equal length")
    unassigned = sum(1 for p in predicted if p == UNASSIGNED) / len(predicted)
    return {
        "nmi": float(normalized_mutual_info_score(truth, predicted)),
        "ari": float(adjusted_rand_score(truth, predicted)),
        "unassigned": unassigned,
    }


def precision_recall(scores: Sequence[float], is_duplicate: Sequence[bool],
                     threshold: float) -> dict:
    """Pairs scoring at or above `threshold` are flagged; precision and recall of the flags."""
    flagged = [s >= threshold for s in scores]
    tp = sum(1 for f, d in zip(flagged, is_duplicate, strict=True) if f and d)
    fp = sum(1 for f, d in zip(flagged, is_duplicate, strict=True) if f and not d)
    fn = sum(1 for f, d in zip(flagged, is_duplicate, strict=True) if not f and d)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": threshold, "precision": precision, "recall": recall, "f1": f1}


def rank_of(ranking: Sequence, relevant) -> int | None:
    """1-based rank of `relevant` in `ranking`, None when absent."""
    for position, item in enumerate(ranking, start=1):
        if item == relevant:
            return position
    return None


def recall_and_mrr(rankings: Sequence[Sequence], relevant: Sequence, k: int = 10) -> dict:
    """Recall@1, Recall@k and mean reciprocal rank with one relevant item per query
    (Recall@1: the share of queries whose relevant item is ranked first)."""
    if len(rankings) != len(relevant) or not rankings:
        raise ValueError("one ranking per relevant item, at least one")
    ranks = [rank_of(r, rel) for r, rel in zip(rankings, relevant, strict=True)]
    return {
        "recall@1": sum(1 for r in ranks if r == 1) / len(ranks),
        f"recall@{k}": sum(1 for r in ranks if r is not None and r <= k) / len(ranks),
        "mrr": sum(1 / r for r in ranks if r is not None) / len(ranks),
    }
