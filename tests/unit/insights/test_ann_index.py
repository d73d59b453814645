"""The approximate (HNSW, int8) index against the exact scan it stands in for: the same
neighbours on clustered vectors, cosine scores within rounding, and the same add, replace,
remove and exclude behaviour."""
from __future__ import annotations

import numpy as np
import pytest

from services.insights.ann_index import ApproximateIndex
from services.insights.vector_index import VectorIndex, normalize_rows

DIM = 384


def clustered(n: int, seed: int) -> np.ndarray:
    """Vectors around 50 directions, neighbours at cosine 0.5-0.9, as ideas on one topic."""
    centres = normalize_rows(np.random.default_rng(0).standard_normal((50, DIM)).astype(np.float32))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, 50, n)
    noise = rng.standard_normal((n, DIM)).astype(np.float32) * rng.uniform(0.01, 0.03, (n, 1))
    return normalize_rows(centres[picks] + noise)


@pytest.fixture(scope="module")
def pair() -> tuple[VectorIndex, ApproximateIndex, list[str]]:
    vectors = clustered(4000, seed=1)
    ids = [f"d{i}" for i in range(len(vectors))]
    exact = VectorIndex(DIM)
    exact.add(ids, vectors)
    return exact, ApproximateIndex.build(ids, vectors, threads=2), ids


def test_finds_the_exact_neighbours_with_their_scores(pair) -> None:
    exact, approximate, _ = pair
    queries = clustered(50, seed=2)
    recall = []
    for query in queries:
        truth = exact.search(query, 10)
        found = approximate.search(query, 10)
        recall.append(len({i for i, _ in truth} & {i for i, _ in found}) / 10)
        scores = dict(truth)
        for item_id, score in found:
            if item_id in scores:
                assert score == pytest.approx(scores[item_id], abs=0.01)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert np.mean(recall) >= 0.95


def test_exclude_replace_and_remove(pair) -> None:
    _, approximate, ids = pair
    query = approximate.get(ids[7])
    assert approximate.search(query, 1)[0][0] == ids[7]
    assert ids[7] not in {i for i, _ in approximate.search(query, 5, exclude={ids[7]})}
    far = -query
    approximate.add_one(ids[7], far)  # replaced: found where it now points
    assert len(approximate) == len(ids) and ids[7] in approximate
    assert approximate.search(far, 1)[0][0] == ids[7]
    assert approximate.remove(ids[7]) and not approximate.remove(ids[7])
    assert ids[7] not in {i for i, _ in approximate.search(far, 10)}
    assert len(approximate) == len(ids) - 1
    approximate.add_one(ids[7], query)


def test_refuses_bad_shapes_and_answers_empty() -> None:
    index = ApproximateIndex(DIM)
    assert index.search(np.ones(DIM, np.float32)) == []
    with pytest.raises(ValueError):
        index.add(["a"], np.ones((1, 3), np.float32))
    with pytest.raises(ValueError):
        index.add(["a", "a"], np.ones((2, DIM), np.float32))
    index.add_one("a", np.ones(DIM, np.float32))
    with pytest.raises(ValueError):
        index.search(np.ones(3, np.float32))


def test_rescoring_with_the_exact_vectors_gives_the_exact_scores(pair) -> None:
    exact, approximate, ids = pair
    position = {item_id: n for n, item_id in enumerate(ids)}
    vectors = clustered(4000, seed=1)

    def rescore(found: list) -> np.ndarray:
        return vectors[[position[i] for i in found]]

    recall = []
    for query in clustered(20, seed=3):
        truth = dict(exact.search(query, 10))
        found = approximate.search(query, 10, rescore=rescore)
        recall.append(len(truth.keys() & {i for i, _ in found}) / 10)
        exact_scores = vectors[[position[i] for i, _ in found]] @ normalize_rows(query)[0]
        np.testing.assert_allclose([s for _, s in found], exact_scores, atol=1e-5)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert np.mean(recall) >= 0.98  # the graph may miss one; the ranking is exact


def test_the_same_vectors_again_leave_the_graph_as_it_was() -> None:
    """A reindex pushes every document again: an unchanged vector is not re-inserted (at a
    million documents that would rebuild the graph piece by piece, on the hub)."""
    vectors = clustered(200, seed=3)
    ids = [f"d{i}" for i in range(len(vectors))]
    approximate = ApproximateIndex.build(ids, vectors)
    inserted: list[int] = []
    real_add = approximate._index.add

    def observed(keys, vectors, **options):
        inserted.extend(np.atleast_1d(keys).tolist())
        return real_add(keys, vectors, **options)

    approximate._index.add = observed  # usearch's own index, observed from the outside
    approximate.add(ids, vectors)
    approximate.add_one(ids[0], vectors[0])
    assert inserted == []
    approximate.add(ids[:2], np.stack([vectors[0], -vectors[1]]))  # one of them moved
    assert len(inserted) == 1 and approximate.search(-vectors[1], 1)[0][0] == ids[1]
    assert len(approximate) == len(ids)
