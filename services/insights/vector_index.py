"""In-memory brute-force cosine search over unit-norm float32 vectors (pure numpy).

One matrix-vector product per query plus ``argpartition``: at 100k x 384 that is a 150 MB
scan, a few milliseconds to a few tens of milliseconds on a small CPU, and exact. Rows are
stored contiguously in a preallocated matrix that grows in chunks; removal moves the last
row into the hole so the live rows stay packed.

Not thread-safe: use one index from one thread (under eventlet, from greenthreads of one
hub, where no call yields), or guard it with a lock.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence

import numpy as np

DEFAULT_DIM = 384
DEFAULT_CHUNK = 4096


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 copy of ``vectors`` with unit-norm rows (zero rows stay zero)."""
    out = np.array(vectors, dtype=np.float32, copy=True, ndmin=2)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class VectorIndex:
    """Exact cosine (inner product of unit vectors) search keyed by arbitrary hashable ids."""

    def __init__(self, dim: int = DEFAULT_DIM, chunk: int = DEFAULT_CHUNK) -> None:
        if dim < 1 or chunk < 1:
            raise ValueError("dim and chunk must be >= 1")
        self.dim = dim
        self.chunk = chunk
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._ids: list[Hashable] = []
        self._rows: dict[Hashable, int] = {}
        self._scores = np.zeros(0, dtype=np.float32)  # search's scratch, grown with the rows

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._rows

    def __iter__(self) -> Iterator[Hashable]:
        return iter(list(self._ids))

    @property
    def capacity(self) -> int:
        return self._matrix.shape[0]

    @property
    def vectors(self) -> np.ndarray:
        """Read-only view of the live rows, in the order of :meth:`ids`."""
        view = self._matrix[: len(self._ids)]
        view.flags.writeable = False
        return view

    def ids(self) -> list[Hashable]:
        return list(self._ids)

    def get(self, item_id: Hashable) -> np.ndarray | None:
        row = self._rows.get(item_id)
        return None if row is None else self._matrix[row].copy()

    def _reserve(self, needed: int) -> None:
        cap = self.capacity
        if needed <= cap:
            return
        # Grow by whole chunks, at least by half the current size (amortised O(1) per row).
        grow = max(needed - cap, cap // 2, self.chunk)
        new_cap = -(-(cap + grow) // self.chunk) * self.chunk
        bigger = np.zeros((new_cap, self.dim), dtype=np.float32)
        bigger[: len(self._ids)] = self._matrix[: len(self._ids)]
        self._matrix = bigger

    def add(self, ids: Sequence[Hashable], vectors: np.ndarray) -> None:
        """Insert (or replace, for ids already present) one row per id; rows are normalised."""
        ids = list(ids)
        vecs = normalize_rows(vectors) if len(ids) else np.zeros((0, self.dim), np.float32)
        if vecs.shape != (len(ids), self.dim):
            expected = (len(ids), self.dim)
            raise ValueError(f"expected vectors of shape {expected}, got {vecs.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one add() call")
        fresh = [i for i, item_id in enumerate(ids) if item_id not in self._rows]
        self._reserve(len(self._ids) + len(fresh))
        for i, item_id in enumerate(ids):
            row = self._rows.get(item_id)
            if row is None:
                row = len(self._ids)
                self._ids.append(item_id)
                self._rows[item_id] = row
            self._matrix[row] = vecs[i]

    def add_one(self, item_id: Hashable, vector: np.ndarray) -> None:
        self.add([item_id], np.asarray(vector, dtype=np.float32).reshape(1, -1))

    def remove(self, item_id: Hashable) -> bool:
        """Drop ``item_id``; returns False if it was not there."""
        row = self._rows.pop(item_id, None)
        if row is None:
            return False
        last = len(self._ids) - 1
        if row != last:
            moved = self._ids[last]
            self._matrix[row] = self._matrix[last]
            self._ids[row] = moved
            self._rows[moved] = row
        self._ids.pop()
        self._matrix[last] = 0.0
        return True

    def remove_many(self, ids: Iterable[Hashable]) -> int:
        return sum(self.remove(item_id) for item_id in ids)

    def search(
        self,
        vector: np.ndarray,
        k: int = 10,
        exclude: set[Hashable] | frozenset[Hashable] | None = None,
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` ids most similar to ``vector`` (cosine), best first, skipping ``exclude``.

        Deterministic for a given index: equal scores within the result are in row order.
        """
        n = len(self._ids)
        if k <= 0 or n == 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.dim:
            raise ValueError(f"expected a vector of {self.dim} dims, got {query.shape[0]}")
        norm = float(np.linalg.norm(query))
        if norm > 0 and abs(norm - 1.0) > 1e-4:
            query = query / norm
        # Into a buffer kept between queries: no fresh n-float array per query.
        if self._scores.shape[0] < n:
            self._scores = np.empty(self.capacity, dtype=np.float32)
        scores = np.matmul(self._matrix[:n], query, out=self._scores[:n])
        valid = n
        if exclude:
            rows = [self._rows[e] for e in exclude if e in self._rows]
            if rows:
                scores[rows] = -np.inf
                valid -= len(rows)
        k = min(k, valid)
        if k <= 0:
            return []
        if k < n:
            top = np.argpartition(scores, n - k)[n - k:]  # no negated copy of the scores
            # argpartition's pick among ties at the cut is arbitrary; re-sort by (score, row).
            top = top[np.lexsort((top, -scores[top]))]
        else:
            top = np.lexsort((np.arange(n), -scores))[:k]
        return [(self._ids[r], float(scores[r])) for r in top.tolist()]
