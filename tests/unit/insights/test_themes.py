"""Theme clustering, id matching and keywords on small synthetic data (no model)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.insights.clustering import (
    STOP_WORDS,
    assign,
    centroid_of,
    cluster_areas,
    cluster_linkage,
    cluster_pool,
    ctfidf_keywords,
    label_from,
    match_clusters,
    nearest_theme,
    neighbour_profiles,
    rerank_keywords,
    tokenize,
)

DIM = 16


def unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def planted(
    sizes: list[int], noise: float = 0.05, n_outliers: int = 0, seed: int = 0
) -> tuple[list[int], np.ndarray, list[set[int]]]:
    """Tight groups around orthogonal directions, plus outliers far from all of them."""
    rng = np.random.default_rng(seed)
    vectors, truth, next_id = [], [], 0
    for g, size in enumerate(sizes):
        centre = np.zeros(DIM)
        centre[g] = 1.0
        vectors.append(centre + noise * rng.standard_normal((size, DIM)))
        truth.append(set(range(next_id, next_id + size)))
        next_id += size
    for _ in range(n_outliers):  # directions beyond the planted ones: cosine ~0 to the groups
        v = np.zeros(DIM)
        v[len(sizes) :] = rng.standard_normal(DIM - len(sizes))
        vectors.append(v[None, :])
    ids = list(range(next_id + n_outliers))
    return ids, unit_rows(np.concatenate(vectors)), truth


# -- assign ----------------------------------------------------------------------------------


def test_assign_picks_the_nearest_centroid_above_threshold() -> None:
    centroids = {"t1": np.eye(DIM)[0], "t2": np.eye(DIM)[1]}
    vector = unit_rows(np.eye(DIM)[1] + 0.2 * np.eye(DIM)[0])
    assert assign(vector, centroids, threshold=0.8) == "t2"
    theme, score = nearest_theme(vector, centroids)
    assert theme == "t2" and score == pytest.approx(1 / np.sqrt(1.04), abs=1e-6)


def test_assign_returns_none_below_threshold_or_without_themes() -> None:
    centroids = {"t1": np.eye(DIM)[0]}
    assert assign(np.eye(DIM)[2], centroids, threshold=0.5) is None
    assert assign(np.eye(DIM)[2], {}, threshold=0.0) is None


def test_assign_ties_go_to_the_smallest_id_and_centroids_need_not_be_unit() -> None:
    centroids = {7: 3 * np.eye(DIM)[0], 3: 0.5 * np.eye(DIM)[0], 5: np.eye(DIM)[1]}
    assert assign(np.eye(DIM)[0], centroids, threshold=0.99) == 3


def test_centroid_of_is_the_unit_mean_direction() -> None:
    c = centroid_of(np.array([[2.0, 0.0], [0.0, 1.0]]))
    np.testing.assert_allclose(c, [np.sqrt(0.5), np.sqrt(0.5)], atol=1e-6)


# -- cluster_linkage -------------------------------------------------------------------------


def naive_average_linkage(vectors: np.ndarray, threshold: float) -> list[set[int]]:
    """Textbook agglomeration: merge the pair of groups with the highest mean cosine while it
    is at least `threshold` (O(n³), for checking)."""
    sims = vectors @ vectors.T
    groups = [[i] for i in range(len(vectors))]
    while len(groups) > 1:
        best, pair = -np.inf, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = sims[np.ix_(groups[a], groups[b])].mean()
                if mean > best:
                    best, pair = mean, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a] += groups.pop(b)
    return [set(g) for g in groups]


def test_cluster_linkage_recovers_planted_groups_and_leaves_small_ones_out() -> None:
    ids, vectors, truth = planted([12, 8, 5, 2], n_outliers=4)
    clusters = cluster_linkage(ids, vectors, threshold=0.5, min_size=3)
    assert [set(c) for c in clusters] == truth[:3]  # largest first; the pair is too small
    for cluster in clusters:  # members by decreasing similarity to the centroid
        sims = vectors[cluster] @ centroid_of(vectors[cluster])
        assert np.all(np.diff(sims) <= 1e-6)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), threshold=st.floats(-0.2, 0.6))
def test_cluster_linkage_is_exact_average_linkage(seed: int, threshold: float) -> None:
    vectors = unit_rows(np.random.default_rng(seed).standard_normal((14, 5)))
    got = {frozenset(c) for c in cluster_linkage(list(range(14)), vectors, threshold, 1)}
    assert got == {frozenset(g) for g in naive_average_linkage(vectors, threshold)}


def test_cluster_linkage_is_independent_of_input_order_and_takes_string_ids() -> None:
    ids, vectors, _ = planted([10, 10, 6, 6, 3], noise=0.3, n_outliers=10, seed=3)
    names = [f"idea-{i:03d}" for i in ids]
    first = cluster_linkage(names, vectors, threshold=0.4, min_size=3)
    rng = np.random.default_rng(11)
    for _ in range(5):
        perm = rng.permutation(len(ids))
        assert cluster_linkage([names[i] for i in perm], vectors[perm], 0.4, 3) == first


def test_cluster_linkage_keeps_apart_groups_whose_mean_similarity_is_below_threshold() -> None:
    ids, vectors, truth = planted([4, 4], seed=2)
    assert [set(c) for c in cluster_linkage(ids, vectors, 0.3, 2)] == truth
    assert cluster_linkage([], np.zeros((0, DIM)), 0.3, 2) == []
    with pytest.raises(ValueError, match="duplicate ids"):
        cluster_linkage([1, 1], vectors[:2], 0.3, 2)


# -- cluster_pool ----------------------------------------------------------------------------


def test_cluster_pool_recovers_planted_groups() -> None:
    ids, vectors, truth = planted([12, 8, 5, 2], n_outliers=4)
    clusters = cluster_pool(ids, vectors, threshold=0.8, min_size=3)
    assert [set(c) for c in clusters] == truth[:3]  # largest first; the pair is too small
    for cluster in clusters:
        centre = cluster[0]
        sims = vectors[cluster] @ vectors[centre]
        assert np.all(sims >= 0.8)
        assert np.all(np.diff(sims[1:]) <= 1e-6)  # members by decreasing similarity


def test_cluster_pool_is_deterministic_and_independent_of_input_order() -> None:
    ids, vectors, _ = planted([10, 10, 6, 6, 3], noise=0.12, n_outliers=10, seed=3)
    first = cluster_pool(ids, vectors, threshold=0.75, min_size=3)
    assert first == cluster_pool(ids, vectors, threshold=0.75, min_size=3)
    rng = np.random.default_rng(11)
    for _ in range(5):
        perm = rng.permutation(len(ids))
        shuffled = cluster_pool([ids[i] for i in perm], vectors[perm], 0.75, 3)
        assert shuffled == first


def test_cluster_pool_with_string_ids_and_small_chunks() -> None:
    ids, vectors, truth = planted([6, 4], n_outliers=3, seed=5)
    names = [f"idea-{i:03d}" for i in ids]
    clusters = cluster_pool(names, vectors, threshold=0.8, min_size=2, chunk=3)
    assert [set(c) for c in clusters] == [{f"idea-{i:03d}" for i in g} for g in truth]


def test_cluster_pool_ties_are_broken_by_id() -> None:
    # Two identical, well separated groups of equal size: the one holding the smallest id
    # comes first, and inside a group of identical vectors the smallest id is the centre.
    vectors = unit_rows(np.repeat(np.eye(DIM)[:2], 3, axis=0))
    ids = [50, 40, 60, 20, 10, 30]
    assert cluster_pool(ids, vectors, 0.9, 2) == [[10, 20, 30], [40, 50, 60]]


def test_cluster_pool_edge_cases() -> None:
    assert cluster_pool([], np.zeros((0, DIM)), 0.5, 2) == []
    assert cluster_pool([1], np.eye(DIM)[:1], 0.5, 2) == []
    assert cluster_pool([1], np.eye(DIM)[:1], 0.5, 1) == [[1]]
    with pytest.raises(ValueError):
        cluster_pool([1, 1], np.eye(DIM)[:2], 0.5, 1)
    with pytest.raises(ValueError):
        cluster_pool([1, 2, 3], np.eye(DIM)[:2], 0.5, 1)


def naive_greedy(ids: list[int], vectors: np.ndarray, threshold: float, min_size: int):
    """Reference: recompute every unclaimed point's unclaimed neighbourhood at each step."""
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    emb = unit_rows(vectors[order])
    sims = emb @ emb.T
    used = np.zeros(len(ids), dtype=bool)
    clusters = []
    while True:
        best = None
        for c in range(len(ids)):
            if used[c]:
                continue
            size = int(np.sum((sims[c] >= np.float32(threshold)) & ~used))
            if size >= min_size and (best is None or size > best[0]):
                best = (size, c)
        if best is None:
            return clusters
        centre = best[1]
        members = np.flatnonzero((sims[centre] >= np.float32(threshold)) & ~used)
        used[members] = True
        clusters.append({ids[order[m]] for m in members})


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    n=st.integers(min_value=0, max_value=40),
    threshold=st.sampled_from([0.3, 0.5, 0.7]),
    min_size=st.integers(min_value=1, max_value=4),
)
def test_cluster_pool_matches_exact_greedy(seed: int, n: int, threshold: float, min_size: int):
    rng = np.random.default_rng(seed)
    vectors = unit_rows(rng.standard_normal((n, 4)) + 0.01)
    ids = rng.permutation(1000)[:n].tolist()
    got = cluster_pool(ids, vectors, threshold, min_size, chunk=7)
    assert [set(c) for c in got] == naive_greedy(ids, vectors, threshold, min_size)
    flat = [i for c in got for i in c]
    assert len(flat) == len(set(flat))


# -- match_clusters --------------------------------------------------------------------------


def test_match_keeps_ids_when_unrelated_members_are_added() -> None:
    old = {"packing": {1, 2, 3, 4}, "canteen": {10, 11, 12}}
    new = [{10, 11, 12, 13}, {1, 2, 3, 4, 99, 98}, {50, 51, 52}]
    assert match_clusters(old, new) == {0: "canteen", 1: "packing", 2: None}


def test_match_needs_half_overlap_and_uses_each_old_id_once() -> None:
    old = {"t": set(range(10))}
    # A split: the bigger part keeps the id (J = 6/10), the other part (J = 4/10) is new.
    assert match_clusters(old, [set(range(4)), set(range(4, 10))]) == {0: None, 1: "t"}
    # Growth past double size loses the id (J = 10/21 < 0.5).
    assert match_clusters(old, [set(range(21))]) == {0: None}
    # Exactly 0.5 qualifies; equal overlaps go to the lower new index.
    assert match_clusters({"t": {1, 2}}, [{1}, {2}]) == {0: "t", 1: None}
    assert match_clusters(old, [{100}]) == {0: None}
    assert match_clusters({}, []) == {}


def test_match_prefers_the_best_overlap() -> None:
    old = {"a": {1, 2, 3, 4}, "b": {1, 2, 3, 5}}
    new = [{1, 2, 3, 5}, {1, 2, 3, 4, 6}]
    assert match_clusters(old, new) == {0: "b", 1: "a"}


# -- keywords and labels ---------------------------------------------------------------------

DOCS = {
    "packing": [
        "Reduce the waiting time at the packing station",
        "Packing station queue is too long in the morning",
        "Add a second packing table to cut the queue",
    ],
    "canteen": [
        "The canteen should offer more vegetarian meals",
        "Longer canteen opening hours for the night shift",
        "Vegetarian options in the canteen are always sold out",
    ],
    "safety": [
        "Forklift speed limit near the packing area for safety",
        "Safety goggles at every machine",
    ],
}


def test_tokenize_drops_stop_words_short_tokens_and_digits() -> None:
    assert tokenize("The QA of 3D printers is OK, isn't it? Größe matters!") == [
        "printers",
        "isn",
        "größe",
        "matters",
    ]
    assert {"the", "and", "should"} <= STOP_WORDS


def test_ctfidf_keywords_are_sensible() -> None:
    keywords = ctfidf_keywords(DOCS, top_n=3)
    assert list(keywords) == ["packing", "canteen", "safety"]
    assert keywords["packing"][0] == "packing"
    assert set(keywords["packing"]) <= {"packing", "station", "queue"}
    assert keywords["canteen"][:2] == ["canteen", "vegetarian"]
    assert keywords["safety"][0] == "safety"
    for words in keywords.values():
        assert len(words) == 3
        assert not set(words) & STOP_WORDS
    assert ctfidf_keywords(DOCS, top_n=3) == keywords


def test_ctfidf_shared_words_rank_below_distinctive_ones() -> None:
    docs = {"a": ["alpha shared shared", "alpha"], "b": ["beta shared shared", "beta"]}
    keywords = ctfidf_keywords(docs, top_n=2)
    assert keywords == {"a": ["alpha", "shared"], "b": ["beta", "shared"]}


def test_ctfidf_empty_inputs() -> None:
    assert ctfidf_keywords({}) == {}
    assert ctfidf_keywords({"x": ["the and of"], "y": []}) == {"x": [], "y": []}


def test_rerank_keywords_by_closeness_to_centroid() -> None:
    centroid = np.eye(DIM)[0]
    vectors = unit_rows(np.stack([np.eye(DIM)[1], np.eye(DIM)[0] + 0.1, np.eye(DIM)[0]]))
    assert rerank_keywords(["far", "near", "exact"], vectors, centroid) == ["exact", "near", "far"]
    assert rerank_keywords(["far", "near", "exact"], vectors, centroid, top_n=1) == ["exact"]
    same = np.tile(np.eye(DIM)[0], (2, 1))
    assert rerank_keywords(["b", "a"], same, centroid) == ["b", "a"]  # ties keep order
    assert rerank_keywords([], np.zeros((0, DIM)), centroid) == []
    with pytest.raises(ValueError):
        rerank_keywords(["a"], np.zeros((2, DIM)), centroid)


def test_label_from_keywords() -> None:
    assert label_from(["packing", "queue", "queues", "station", "time"]) == (
        "Packing, queue, station"
    )
    assert label_from(["canteen"]) == "Canteen"
    assert label_from(["bodies", "body", "shift"], max_words=2) == "Bodies, shift"
    assert label_from([]) == "Unlabelled theme"


# -- cluster_areas ---------------------------------------------------------------------------


def test_areas_group_themes_whose_centroids_are_close_and_hold_every_theme_once() -> None:
    e = np.eye(DIM)
    centroids = {"a1": unit_rows(e[0] + 0.3 * e[1]), "a2": unit_rows(e[0] + 0.3 * e[2]),
                 "b1": unit_rows(e[5] + 0.2 * e[6]), "b2": unit_rows(e[5] + 0.2 * e[7]),
                 "alone": e[10]}
    areas = cluster_areas(centroids, threshold=0.8)
    assert sorted(sorted(a) for a in areas) == [["a1", "a2"], ["alone"], ["b1", "b2"]]
    assert areas[-1] == ["alone"]  # largest first; a theme like no other is its own area
    assert cluster_areas(dict(reversed(list(centroids.items()))), 0.8) == areas
    assert cluster_areas({}, 0.8) == []


# -- neighbour_profiles ----------------------------------------------------------------------


def test_neighbour_profiles_keep_the_nearest_and_do_not_depend_on_input_order() -> None:
    ids, vectors, _ = planted([5, 5], noise=0.2, seed=3)
    ordered, profiles = neighbour_profiles(ids, vectors, k=3)
    assert ordered == sorted(ids)
    assert (np.count_nonzero(profiles, axis=1) <= 4).all()
    np.testing.assert_allclose(np.linalg.norm(profiles, axis=1), 1.0, atol=1e-6)
    flipped = neighbour_profiles(ids[::-1], vectors[::-1], k=3)
    assert flipped[0] == ordered
    np.testing.assert_array_equal(flipped[1], profiles)
    shared = profiles @ profiles.T  # neighbours within a planted group, none across
    assert shared[0, 1] > 0.5 and shared[0, 7] == 0.0
