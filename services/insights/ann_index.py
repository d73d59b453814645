"""Approximate cosine search for large kinds: an HNSW graph (usearch) over int8 vectors.

The same interface as ``vector_index.VectorIndex`` (the exact scan, which stays the
reference): ``add``, ``add_one``, ``remove``, ``search(vector, k, exclude)``, ``get``, ``len``.
About 4x less memory than float32 rows (384 bytes a vector plus the graph) and a search
that visits a few thousand vectors instead of all of them.

int8 with a scale of our own: usearch would map a unit vector's components (about +-0.05
for 384 dimensions) to +-6 of the int8 range, and the rounding then reorders near-ties
(recall@10 0.96 on realistic vectors). Scaling so that the 99.99th percentile of the
first vectors' components maps to 127 (the rare larger ones clip) gives 0.99. Cosine is
scale-free, so the scores stay cosines, within about 0.002 of the exact ones.

Ids map to usearch keys through numpy arrays (``id_keys``): 25 bytes an id for UUID ids
(24 MiB at 1M) instead of a dict and a list of Python strings (0.1-0.2 GiB).

usearch releases the GIL while it adds or searches, so a build can run in a tpool thread.
Not thread-safe otherwise: one index per kind, used from one hub, as VectorIndex.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

import numpy as np

from services.insights.id_keys import IdKeys
from services.insights.vector_index import DEFAULT_DIM, normalize_rows

# graph edges per node (M). At 1M, 12 finds as many true neighbours as 16 (recall@10
# re-ranked 0.976 and 0.979 in two builds; 16: 0.976, and 0.982 once: a two-thread build
# varies by ~0.005) for 60 MiB less (542 vs 601 MiB as loaded; bench_search_scale)
CONNECTIVITY = 12
# candidate list while inserting (efConstruction). At 1M realistic vectors 64 left about
# 1 % of the true neighbours unreachable (not found even by their own vector), a recall
# no search setting recovers (0.970 at ef 1,024); 128 gave 0.976-0.982 re-ranked; 256
# gives 0.995 (M 12) for about twice the build time (622 s at 1M on 2 threads, load 3-5;
# bench_search_scale, docs/operations.md)
EXPANSION_ADD = 256
EXPANSION_SEARCH = 256  # candidate list while searching (ef); 512 adds 0.002 for 2.5x the time
CLIP_QUANTILE = 0.9999
RESCORE_FACTOR = 4  # candidates per wanted hit when the exact vectors are at hand

Rescore = Callable[[list[Hashable]], np.ndarray]


def _usearch_index() -> type:
    """usearch's Index class, imported after onnxruntime: importing onnxruntime after
    usearch's native module crashes the process (a C++ runtime symbol clash, onnxruntime
    1.31 with usearch 2.26), and a service may build its first index before it loads the
    model."""
    import onnxruntime  # noqa: F401
    from usearch.index import Index

    return Index


class ApproximateIndex:
    """HNSW cosine search keyed by arbitrary hashable ids (usearch, int8 vectors)."""

    def __init__(self, dim: int = DEFAULT_DIM, *, scale: float | None = None,
                 connectivity: int = CONNECTIVITY, expansion_add: int = EXPANSION_ADD,
                 expansion_search: int = EXPANSION_SEARCH, threads: int = 1) -> None:
        Index = _usearch_index()
        self.dim = dim
        self.scale = scale
        self.threads = threads
        self._index = Index(ndim=dim, metric="cos", dtype="i8", connectivity=connectivity,
                            expansion_add=expansion_add, expansion_search=expansion_search)
        self._keys = IdKeys()  # id <-> usearch key, in numpy arrays (id_keys)

    @classmethod
    def build(cls, ids: Sequence[Hashable], vectors: np.ndarray, **options) -> ApproximateIndex:
        index = cls(int(np.shape(vectors)[1]), **options)
        index.add(ids, vectors)
        return index

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._keys

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._keys.ids())

    def ids(self) -> list[Hashable]:
        return self._keys.ids()

    @property
    def memory_bytes(self) -> int:
        """What usearch holds (the int8 vectors and the graph, with its reserved arenas)."""
        return int(self._index.memory_usage)

    @property
    def id_map_bytes(self) -> int:
        return self._keys.nbytes

    def _quantise(self, vectors: np.ndarray) -> np.ndarray:
        unit = normalize_rows(vectors)
        if self.scale is None:
            top = float(np.quantile(np.abs(unit), CLIP_QUANTILE)) if unit.size else 0.0
            self.scale = 127.0 / max(top, 1e-6)
        return np.clip(np.rint(unit * self.scale), -127, 127).astype(np.int8)

    def add(self, ids: Sequence[Hashable], vectors: np.ndarray) -> None:
        """Insert (or replace, for ids already present) one vector per id."""
        ids = list(ids)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1) if ids else (
            np.zeros((0, self.dim), np.float32))
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape {(len(ids), self.dim)}, "
                             f"got {vectors.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one add() call")
        if not ids:
            return
        quantised = self._quantise(vectors)
        fresh = self._changed(ids, quantised)
        if len(fresh) < len(ids):  # the same vector again (a reindex): the graph stays
            ids, quantised = [ids[i] for i in fresh], quantised[fresh]
            if not ids:
                return
        for item_id in ids:
            self.remove(item_id)  # a replaced vector gets a new key
        first = self._keys.next_key
        self._index.add(np.arange(first, first + len(ids), dtype=np.uint64), quantised,
                        threads=self.threads)
        self._keys.insert(ids)  # the same keys, handed out in order

    def _changed(self, ids: list[Hashable], quantised: np.ndarray) -> list[int]:
        """Positions of the ids that are new or whose int8 vector differs from the stored."""
        found = self._keys.keys_of(ids)
        present = np.flatnonzero(found >= 0).tolist()
        if not present:
            return list(range(len(ids)))
        keys = found[present].astype(np.uint64)
        stored = np.asarray(self._index.get(keys)).reshape(len(present), self.dim)
        same = {present[j] for j in np.flatnonzero((stored == quantised[present]).all(axis=1))}
        return [i for i in range(len(ids)) if i not in same]

    def add_one(self, item_id: Hashable, vector: np.ndarray) -> None:
        self.add([item_id], np.asarray(vector, dtype=np.float32).reshape(1, -1))

    def remove(self, item_id: Hashable) -> bool:
        key = self._keys.remove(item_id)
        if key is None:
            return False
        self._index.remove(key)
        return True

    def remove_many(self, ids: Iterable[Hashable]) -> int:
        return sum(self.remove(item_id) for item_id in ids)

    def get(self, item_id: Hashable) -> np.ndarray | None:
        """The stored vector (int8, rescaled to unit norm), or None."""
        key = self._keys.key_of(item_id)
        if key is None:
            return None
        return normalize_rows(np.asarray(self._index.get(key), dtype=np.float32))[0]

    def search(self, vector: np.ndarray, k: int = 10,
               exclude: set[Hashable] | frozenset[Hashable] | None = None,
               rescore: Rescore | None = None) -> list[tuple[Hashable, float]]:
        """About the ``k`` ids most similar to ``vector`` (cosine), best first.

        With ``rescore`` (ids -> their float32 vectors, e.g. from the database), the best
        ``RESCORE_FACTOR * k`` candidates of the graph are ranked by their exact cosine: the
        int8 rounding then no longer reorders near-ties, and the scores are exact.
        """
        if k <= 0 or not len(self._keys):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.dim:
            raise ValueError(f"expected a vector of {self.dim} dims, got {query.shape[0]}")
        skip = {e for e in exclude if e in self._keys} if exclude else set()
        wanted = k * RESCORE_FACTOR if rescore else k
        count = min(wanted + len(skip), len(self._keys))
        matches = self._index.search(self._quantise(query.reshape(1, -1))[0], count)
        found = self._keys.ids_at(matches.keys.tolist())
        hits = []
        for item_id, distance in zip(found, matches.distances.tolist(), strict=True):
            if item_id is not None and item_id not in skip:
                hits.append((item_id, 1.0 - float(distance)))
        if rescore and hits:
            ids = [item_id for item_id, _ in hits]
            scores = normalize_rows(rescore(ids)) @ normalize_rows(query.reshape(1, -1))[0]
            order = np.lexsort((np.arange(len(ids)), -scores))
            hits = [(ids[i], float(scores[i])) for i in order.tolist()]
        return hits[:k]
