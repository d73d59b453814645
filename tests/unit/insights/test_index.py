"""VectorIndex: exact cosine search on small synthetic vectors (no model)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.insights.vector_index import VectorIndex, normalize_rows


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def angle_vectors(degrees: list[float]) -> np.ndarray:
    """2-d unit vectors at the given angles from the x axis (cosine to x = cos(angle))."""
    rad = np.deg2rad(np.asarray(degrees, dtype=np.float64))
    return np.stack([np.cos(rad), np.sin(rad)], axis=1).astype(np.float32)


@pytest.fixture
def fan() -> VectorIndex:
    index = VectorIndex(dim=2, chunk=2)
    index.add(["a", "b", "c", "d", "e"], angle_vectors([0, 10, 30, 60, 170]))
    return index


def test_search_returns_nearest_first(fan: VectorIndex) -> None:
    hits = fan.search(unit(1, 0), k=3)
    assert [item_id for item_id, _ in hits] == ["a", "b", "c"]
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == pytest.approx(1.0, abs=1e-6)
    assert scores[2] == pytest.approx(np.cos(np.deg2rad(30)), abs=1e-6)


def test_search_normalises_the_query(fan: VectorIndex) -> None:
    assert fan.search(np.array([7.0, 0.0]), k=1) == fan.search(unit(1, 0), k=1)


def test_exclude_skips_ids_and_ignores_unknown_ones(fan: VectorIndex) -> None:
    hits = fan.search(unit(1, 0), k=2, exclude={"a", "zzz"})
    assert [item_id for item_id, _ in hits] == ["b", "c"]
    assert fan.search(unit(1, 0), k=10, exclude={"a", "b", "c", "d", "e"}) == []


def test_k_larger_than_index_returns_everything_sorted(fan: VectorIndex) -> None:
    hits = fan.search(unit(1, 0), k=50, exclude={"c"})
    assert [item_id for item_id, _ in hits] == ["a", "b", "d", "e"]
    assert fan.search(unit(1, 0), k=0) == []


def test_remove_drops_the_id_and_keeps_the_others_findable(fan: VectorIndex) -> None:
    assert fan.remove("a") is True
    assert fan.remove("a") is False
    assert "a" not in fan and len(fan) == 4
    # "e" was the last row and moved into a's slot: it must still be found with its vector.
    assert [item_id for item_id, _ in fan.search(unit(1, 0), k=5)] == ["b", "c", "d", "e"]
    assert fan.search(angle_vectors([170])[0], k=1)[0][0] == "e"
    np.testing.assert_allclose(fan.get("e"), angle_vectors([170])[0], atol=1e-6)


def test_add_existing_id_replaces_its_vector(fan: VectorIndex) -> None:
    fan.add(["e"], angle_vectors([1]))
    assert len(fan) == 5
    assert [item_id for item_id, _ in fan.search(unit(1, 0), k=2)] == ["a", "e"]


def test_grows_in_chunks_and_keeps_rows() -> None:
    rng = np.random.default_rng(7)
    index = VectorIndex(dim=8, chunk=4)
    vectors = normalize_rows(rng.standard_normal((23, 8)))
    for start in range(0, 23, 5):
        index.add(list(range(start, min(start + 5, 23))), vectors[start : start + 5])
    assert len(index) == 23
    assert index.capacity % 4 == 0 and index.capacity >= 23
    np.testing.assert_allclose(index.vectors, vectors, atol=1e-6)
    for i in (0, 11, 22):
        assert index.search(vectors[i], k=1)[0][0] == i


def test_vectors_are_normalised_on_add() -> None:
    index = VectorIndex(dim=2)
    index.add_one(1, np.array([3.0, 4.0]))
    np.testing.assert_allclose(index.get(1), [0.6, 0.8], atol=1e-6)
    assert index.get(2) is None


def test_bad_input_is_rejected() -> None:
    index = VectorIndex(dim=3)
    with pytest.raises(ValueError):
        index.add([1, 2], np.ones((3, 3)))
    with pytest.raises(ValueError):
        index.add([1, 1], np.ones((2, 3)))
    index.add([1], np.ones((1, 3)))
    with pytest.raises(ValueError):
        index.search(np.ones(4), k=1)
    assert VectorIndex(dim=3).search(np.ones(3), k=3) == []


def test_ties_come_out_in_insertion_order() -> None:
    index = VectorIndex(dim=2)
    index.add(["x", "y", "z"], np.tile(unit(1, 1), (3, 1)))
    assert [item_id for item_id, _ in index.search(unit(1, 1), k=3)] == ["x", "y", "z"]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=60),
    k=st.integers(min_value=1, max_value=70),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    n_removed=st.integers(min_value=0, max_value=10),
)
def test_search_agrees_with_a_full_sort(n: int, k: int, seed: int, n_removed: int) -> None:
    rng = np.random.default_rng(seed)
    vectors = normalize_rows(rng.standard_normal((n, 6)))
    index = VectorIndex(dim=6, chunk=8)
    index.add(list(range(n)), vectors)
    removed = set(rng.choice(n, size=min(n_removed, n), replace=False).tolist())
    index.remove_many(removed)
    excluded = set(rng.choice(n, size=min(3, n), replace=False).tolist())
    query = rng.standard_normal(6)

    hits = index.search(query, k=k, exclude=excluded)

    allowed = [i for i in range(n) if i not in removed and i not in excluded]
    expected = sorted((vectors[allowed] @ normalize_rows(query)[0]).tolist(), reverse=True)[:k]
    assert [score for _, score in hits] == pytest.approx(expected, abs=1e-5)
    assert all(item_id in allowed for item_id, _ in hits)
    assert len({item_id for item_id, _ in hits}) == len(hits)


def test_searches_between_growth_and_removals_agree_with_brute_force() -> None:
    """The scores buffer kept between searches never leaks an old query's or row's score:
    each search, after the index grew past its capacity or shrank, is the full sort's."""
    rng = np.random.default_rng(19)
    index, live = VectorIndex(dim=8, chunk=4), {}
    for step in range(12):
        fresh = {f"{step}-{i}": v for i, v in enumerate(normalize_rows(
            rng.standard_normal((int(rng.integers(1, 9)), 8))))}
        index.add(list(fresh), np.stack(list(fresh.values())))
        live.update(fresh)
        for gone in rng.choice(sorted(live), size=len(live) // 5, replace=False).tolist():
            index.remove(gone)
            del live[gone]
        query = normalize_rows(rng.standard_normal(8))[0]

        hits = index.search(query, k=5)

        expected = sorted(((float(v @ query), i) for i, v in live.items()), reverse=True)[:5]
        assert [i for i, _ in hits] == [i for _, i in expected]
        assert [s for _, s in hits] == pytest.approx([s for s, _ in expected], abs=1e-5)
