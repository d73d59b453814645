"""The vectors of texts this process encoded lately, so a text asked about again is not
encoded again: a recommendation encodes the person's profile and its parts on every call,
and the same profile comes back each time the marketplace opens until the person changes it.

A vector depends on its text alone, so a remembered one is the vector the encoder would
give; texts are held by their SHA-256 only (a profile quotes private reflections). Per
process, least recently used out first: 4,096 vectors are 6 MiB."""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from services.insights.encoder import EMBEDDING_DIM, encode_off_hub

CAPACITY = 4096


class RecentVectors:
    def __init__(self, capacity: int = CAPACITY):
        self.capacity = capacity
        self._vectors: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str],
               encode: Callable[[list[str]], np.ndarray] = encode_off_hub) -> np.ndarray:
        """(len(texts), 384) rows in order; only the texts not remembered are encoded, in
        one call of `encode`."""
        keys = [hashlib.sha256(t.encode()).digest() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        fresh: dict[bytes, np.ndarray] = {}
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            fresh = dict(zip(missing, encode([text_of[k] for k in missing]), strict=True))
        out = np.empty((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for row, key in enumerate(keys):
            if key in fresh:
                out[row] = fresh[key]
            else:
                out[row] = self._vectors[key]
                self._vectors.move_to_end(key)
        self._vectors.update(fresh)
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
        return out
