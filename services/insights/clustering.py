"""Deterministic incremental theme clustering over unit-norm embeddings (pure numpy).

The insights service keeps themes stable over time:

* a new idea joins the nearest existing theme if it is similar enough (:func:`assign`);
* the pool of unassigned ideas is clustered now and then (:func:`cluster_linkage`, average
  linkage: themes at the granularity a reviewer names; :func:`cluster_pool`, a greedy
  community detection in the spirit of sentence-transformers' ``community_detection``, is
  kept for comparison);
* themes are grouped into broad areas by average linkage over their centroids
  (:func:`cluster_areas`), for the overview;
* after a full re-clustering, :func:`match_clusters` carries the old theme ids over to the
  new clusters that overlap them enough, so theme ids survive re-clustering;
* themes are described by class-based TF-IDF keywords (:func:`ctfidf_keywords`), optionally
  re-ranked by closeness to the theme centroid (:func:`rerank_keywords`), and labelled
  (:func:`label_from`).

Everything is deterministic: inputs are put in a canonical order (sorted by id) before any
arithmetic, and every tie is broken by id, so the same ideas give the same themes whatever
order they arrive in. Ids must be hashable and mutually comparable (ints, strings, UUIDs);
mixed types fall back to ordering by ``repr``.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

import numpy as np

DEFAULT_CHUNK = 1024

# A small English stop-word list plus words that carry no topic in improvement ideas.
STOP_WORDS = frozenset(
    """
    about above after again against all also and any are because been before being below
    between both but can cannot could did does doing down during each few for from further
    had has have having her here hers herself him himself his how into its itself just let
    more most myself nor not now off once only other our ours ourselves out over own same
    she should some such than that the their theirs them themselves then there these they
    this those through too under until very was were what when where which while who whom
    why will with would you your yours yourself yourselves
    get gets got make makes made use used using via per etc please maybe need needs want
    wants like think really every many much lot lots one two new way ways thing things idea
    ideas able still even well yes
    """.split()
)
_TOKEN_RE = re.compile(r"[^\W\d_]+")  # runs of letters (any script), no digits or underscores
MIN_TOKEN_LEN = 3


def _ordered(keys: Iterable[Hashable]) -> list[Hashable]:
    keys = list(keys)
    try:
        return sorted(keys)
    except TypeError:
        return sorted(keys, key=repr)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    out = np.array(vectors, dtype=np.float32, copy=True, ndmin=2)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def _canonical(ids: Sequence[Hashable], vectors: np.ndarray,
               min_size: int) -> tuple[list[Hashable], np.ndarray, int] | None:
    """The ids in canonical order (rank r is the r-th smallest id), their unit vectors in
    that order and the effective min_size; None when there are fewer ids than min_size.
    Both clusterings do all their arithmetic in this order, so their results do not depend
    on the input's."""
    ids = list(ids)
    n = len(ids)
    if len(set(ids)) != n:
        raise ValueError("duplicate ids")
    min_size = max(1, int(min_size))
    if n == 0 or n < min_size:
        return None
    vecs = np.asarray(vectors)
    if vecs.ndim != 2 or vecs.shape[0] != n:
        raise ValueError(f"expected {n} vector rows, got shape {vecs.shape}")
    ordered = _ordered(ids)
    position = {item_id: i for i, item_id in enumerate(ids)}
    perm = np.fromiter((position[item_id] for item_id in ordered), dtype=np.int64, count=n)
    return ordered, _unit_rows(vecs[perm]), min_size


def centroid_of(vectors: np.ndarray) -> np.ndarray:
    """Unit-norm mean direction of ``vectors`` (rows)."""
    mean = _unit_rows(vectors).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else mean.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Assignment to existing themes


def stacked(centroids: Mapping[Hashable, np.ndarray]) -> tuple[list[Hashable], np.ndarray]:
    """(theme ids in order, their unit centroids as rows): reusable across many queries."""
    theme_ids = _ordered(centroids)
    if not theme_ids:
        return [], np.zeros((0, 0), dtype=np.float32)
    return theme_ids, _unit_rows(
        np.stack([np.asarray(centroids[t], dtype=np.float32) for t in theme_ids]))


def nearest_in(
    vector: np.ndarray, theme_ids: Sequence[Hashable], matrix: np.ndarray
) -> tuple[Hashable, float] | None:
    """(theme id, cosine) of the closest row of a `stacked` matrix; ties go to the first."""
    if not theme_ids:
        return None
    query = _unit_rows(vector)[0]
    if matrix.shape[1] != query.shape[0]:
        raise ValueError(f"vector has {query.shape[0]} dims, centroids {matrix.shape[1]}")
    scores = matrix @ query
    best = int(np.argmax(scores))  # first maximum = smallest id among ties
    return theme_ids[best], float(scores[best])


def nearest_theme(
    vector: np.ndarray, centroids: Mapping[Hashable, np.ndarray]
) -> tuple[Hashable, float] | None:
    """(theme id, cosine) of the closest centroid; ties go to the smallest id."""
    return nearest_in(vector, *stacked(centroids))


def assign(
    vector: np.ndarray, centroids: Mapping[Hashable, np.ndarray], threshold: float
) -> Hashable | None:
    """The theme whose centroid is nearest to ``vector``, if its cosine is >= ``threshold``."""
    return assign_in(vector, *stacked(centroids), threshold)


def assign_in(
    vector: np.ndarray, theme_ids: Sequence[Hashable], matrix: np.ndarray, threshold: float
) -> Hashable | None:
    """`assign` against a `stacked` matrix: stack once, assign many."""
    hit = nearest_in(vector, theme_ids, matrix)
    if hit is None or hit[1] < threshold:
        return None
    return hit[0]


# ---------------------------------------------------------------------------------------------
# Clustering the pool


def cluster_pool(
    ids: Sequence[Hashable],
    vectors: np.ndarray,
    threshold: float = 0.6,
    min_size: int = 3,
    chunk: int = DEFAULT_CHUNK,
) -> list[list[Hashable]]:
    """Greedy community detection: clusters of ids whose cosine to a centre is >= threshold.

    Each point's neighbourhood (itself included) is found from similarities computed
    ``chunk`` rows at a time, so working memory is ``chunk x n`` floats plus the neighbour
    lists. Then, repeatedly, the unclaimed point with the most unclaimed neighbours becomes a
    centre (ties: smallest id) and claims them, while at least ``min_size`` remain; this is
    exact greedy on the current sizes (sentence-transformers ranks by the initial sizes).

    Returns clusters largest first (ties: smallest centre id); each lists its centre first,
    then members by decreasing similarity to the centre (ties: smallest id). Ids in no
    cluster are left out. The result does not depend on the order of the input.
    """
    canonical = _canonical(ids, vectors, min_size)
    if canonical is None:
        return []
    ordered, emb, min_size = canonical
    n = len(ordered)
    thr = np.float32(threshold)

    neighbours: dict[int, np.ndarray] = {}  # only for rows that could become centres
    for start in range(0, n, chunk):
        sims = emb[start : start + chunk] @ emb.T
        mask = sims >= thr
        counts = mask.sum(axis=1)
        for local in np.flatnonzero(counts >= min_size).tolist():
            neighbours[start + local] = np.flatnonzero(mask[local]).astype(np.int32)
        del sims, mask

    heap = [(-len(members), centre) for centre, members in neighbours.items()]
    heapq.heapify(heap)
    used = np.zeros(n, dtype=bool)
    clusters: list[list[Hashable]] = []
    while heap:
        neg_size, centre = heapq.heappop(heap)
        if used[centre]:
            continue
        members = neighbours[centre]
        members = members[~used[members]]
        size = len(members)
        if size < min_size:
            continue
        if size != -neg_size:
            neighbours[centre] = members
            # Sizes only shrink, so stale heap keys are upper bounds: re-queue unless this
            # is still at least as good as the best remaining key.
            if heap and (-size, centre) > heap[0]:
                heapq.heappush(heap, (-size, centre))
                continue
        others = members[members != centre]
        sims = emb[others] @ emb[centre]
        order = np.lexsort((others, -sims))
        cluster = [centre, *others[order].tolist()]
        used[cluster] = True
        clusters.append([ordered[r] for r in cluster])
    return clusters


def cluster_linkage(
    ids: Sequence[Hashable],
    vectors: np.ndarray,
    threshold: float = 0.25,
    min_size: int = 3,
) -> list[list[Hashable]]:
    """Average-linkage agglomerative clustering: groups merge while the mean cosine between
    their members is >= ``threshold``; groups of at least ``min_size`` are returned.

    Exact, by the nearest-neighbour chain (average linkage is reducible, so a reciprocal
    nearest pair below the threshold can never merge with anything else either: both are
    final). Time O(n²) row operations, memory one n x n float32 similarity matrix. Clusters
    come largest first (ties: smallest first id); members by decreasing similarity to the
    cluster's centroid (ties: smallest id). The result does not depend on the input order.
    """
    canonical = _canonical(ids, vectors, min_size)
    if canonical is None:
        return []
    ordered, emb, min_size = canonical
    n = len(ordered)

    sim = emb @ emb.T  # between current groups (rows of merged groups are overwritten)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n, dtype=np.float64)
    active = np.ones(n, dtype=bool)  # still able to merge
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    chain: list[int] = []
    thr = np.float32(threshold)
    while True:
        if not chain:
            free = np.flatnonzero(active)
            if len(free) < 2:
                break
            chain.append(int(free[0]))
        top = chain[-1]
        row = np.where(active, sim[top], -np.inf)
        row[top] = -np.inf
        best = int(np.argmax(row))  # first maximum: smallest rank among ties
        if not np.isfinite(row[best]):
            active[top] = False
            chain.pop()
            continue
        if len(chain) > 1 and row[chain[-2]] >= row[best]:
            best = chain[-2]  # reciprocal nearest neighbours: keep the chain's pair on ties
        if len(chain) < 2 or best != chain[-2]:
            chain.append(best)
            continue
        chain.pop()
        chain.pop()
        if sim[top, best] < thr:
            active[top] = active[best] = False  # final groups, see the docstring
            continue
        a, b = min(top, best), max(top, best)
        merged = (size[a] * sim[a] + size[b] * sim[b]) / (size[a] + size[b])
        sim[a], sim[:, a] = merged, merged
        sim[a, a] = -np.inf
        sim[b], sim[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        active[b] = False
        members[a] += members.pop(b)

    clusters = []
    for group in members.values():
        if len(group) < min_size:
            continue
        centre = centroid_of(emb[group])
        closeness = emb[group] @ centre
        order = np.lexsort((group, -closeness))
        clusters.append([group[i] for i in order])
    clusters.sort(key=lambda g: (-len(g), min(g)))
    return [[ordered[r] for r in group] for group in clusters]


def neighbour_profiles(ids: Sequence[Hashable], vectors: np.ndarray, k: int
                       ) -> tuple[list[Hashable], np.ndarray]:
    """(ids in canonical order, each one's neighbourhood profile as a unit row): the cosines
    to its ``k`` nearest others and itself, clipped at 0, every other entry 0. The cosine of
    two profiles is high when two documents share their nearest neighbours, which tells
    topics apart better than their own cosine where sibling topics share words (issue 20:
    tune-half ARI 0.25 -> 0.32). Memory n x n float32; ties go to the smaller id."""
    ordered = _ordered(ids)
    position = {item_id: i for i, item_id in enumerate(ids)}
    emb = _unit_rows(np.asarray(vectors)[[position[i] for i in ordered]])
    sims = emb @ emb.T
    keep = min(k + 1, len(ordered))
    nearest = np.argsort(-sims, axis=1, kind="stable")[:, :keep]
    rows = np.arange(len(ordered))[:, None]
    profiles = np.zeros_like(sims)
    profiles[rows, nearest] = np.maximum(sims[rows, nearest], 0)
    return ordered, _unit_rows(profiles)


def cluster_areas(
    centroids: Mapping[Hashable, np.ndarray], threshold: float
) -> list[list[Hashable]]:
    """Broad areas over themes: average linkage over the themes' centroids at ``threshold``
    (mean cosine between the centroids of two groups of themes), every theme in exactly one
    area (a theme like no other is an area of its own). Areas come largest first, each
    listing its theme ids closest to the area's centre first; deterministic."""
    theme_ids = _ordered(centroids)
    if not theme_ids:
        return []
    vectors = np.stack([np.asarray(centroids[t], dtype=np.float32) for t in theme_ids])
    return cluster_linkage(theme_ids, vectors, threshold, min_size=1)


# ---------------------------------------------------------------------------------------------
# Keeping theme ids across re-clustering


def match_clusters(
    old: Mapping[Hashable, set[Hashable]],
    new: Sequence[set[Hashable]],
    min_jaccard: float = 0.5,
) -> dict[int, Hashable | None]:
    """Map each new cluster (by index) to the old theme id it continues, or None.

    A pair qualifies when the Jaccard overlap of their members is >= ``min_jaccard``; each
    old id goes to at most one new cluster, best overlap first (ties: lower new index, then
    smaller old id).
    """
    owner: dict[Hashable, list[Hashable]] = {}
    for theme_id, members in old.items():
        for member in members:
            owner.setdefault(member, []).append(theme_id)
    old_rank = {theme_id: i for i, theme_id in enumerate(_ordered(old))}

    candidates: list[tuple[Fraction, int, int, Hashable]] = []
    for index, members in enumerate(new):
        members = set(members)
        overlap: Counter[Hashable] = Counter()
        for member in members:
            overlap.update(owner.get(member, ()))
        for theme_id, inter in overlap.items():
            union = len(members) + len(set(old[theme_id])) - inter
            jaccard = Fraction(inter, union)
            if jaccard >= min_jaccard:
                candidates.append((-jaccard, index, old_rank[theme_id], theme_id))
    candidates.sort(key=lambda c: c[:3])

    result: dict[int, Hashable | None] = dict.fromkeys(range(len(new)))
    taken: set[Hashable] = set()
    for _, index, _, theme_id in candidates:
        if result[index] is None and theme_id not in taken:
            result[index] = theme_id
            taken.add(theme_id)
    return result


# ---------------------------------------------------------------------------------------------
# Keywords and labels


def tokenize(text: str) -> list[str]:
    """Lower-case letter runs of at least three letters, stop words removed."""
    return [
        token
        for token in _TOKEN_RE.findall(text.lower())
        if len(token) >= MIN_TOKEN_LEN and token not in STOP_WORDS
    ]


def ctfidf_keywords(
    docs_per_theme: Mapping[Hashable, Sequence[str]], top_n: int = 5
) -> dict[Hashable, list[str]]:
    """Top ``top_n`` words per theme by class-based TF-IDF (as in BERTopic).

    All documents of a theme form one class document. A word's weight in class c is
    ``tf(w, c) / |c| * log(1 + A / f(w))`` where ``|c|`` is the class's word count, ``A`` the
    average word count per class and ``f(w)`` the word's count over all classes. Ties go to
    the alphabetically first word.
    """
    counts = {
        theme_id: Counter(token for doc in docs for token in tokenize(doc))
        for theme_id, docs in docs_per_theme.items()
    }
    totals: Counter[str] = Counter()
    for counter in counts.values():
        totals.update(counter)
    if not counts:
        return {}
    avg_words = sum(totals.values()) / len(counts)

    keywords: dict[Hashable, list[str]] = {}
    for theme_id, counter in counts.items():
        size = sum(counter.values())
        if size == 0:
            keywords[theme_id] = []
            continue
        scored = [
            (-(count / size) * math.log(1.0 + avg_words / totals[word]), word)
            for word, count in counter.items()
        ]
        scored.sort()
        keywords[theme_id] = [word for _, word in scored[:top_n]]
    return keywords


def rerank_keywords(
    keywords: Sequence[str],
    keyword_vectors: np.ndarray,
    centroid: np.ndarray,
    top_n: int | None = None,
) -> list[str]:
    """``keywords`` ordered by cosine of their embeddings (rows of ``keyword_vectors``) to the
    theme ``centroid``, closest first; ties keep the original order."""
    keywords = list(keywords)
    if not keywords:
        return []
    vecs = _unit_rows(keyword_vectors)
    if vecs.shape[0] != len(keywords):
        raise ValueError(f"{len(keywords)} keywords but {vecs.shape[0]} vectors")
    scores = vecs @ _unit_rows(centroid)[0]
    order = np.lexsort((np.arange(len(keywords)), -scores))
    ranked = [keywords[i] for i in order.tolist()]
    return ranked if top_n is None else ranked[:top_n]


def _stem(word: str) -> str:
    """Crude plural folding, only for de-duplicating labels: queues -> queue, bodies -> body."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > MIN_TOKEN_LEN:
        return word[:-1]
    return word


def label_from(keywords: Sequence[str], max_words: int = 3) -> str:
    """A short human label such as ``"Packing, queue, waiting"`` from ranked keywords.

    Plural/singular duplicates ("queue", "queues") are shown once; no keywords gives
    ``"Unlabelled theme"``.
    """
    chosen: list[str] = []
    seen: set[str] = set()
    for word in keywords:
        word = word.strip()
        stem = _stem(word.lower())
        if not word or stem in seen:
            continue
        seen.add(stem)
        chosen.append(word)
        if len(chosen) == max_words:
            break
    if not chosen:
        return "Unlabelled theme"
    label = ", ".join(chosen)
    return label[0].upper() + label[1:]
