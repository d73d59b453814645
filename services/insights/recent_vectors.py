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


class Recent:
    """At most `capacity` values by the SHA-256 of their text, least recently used out
    first, per process."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[bytes, np.ndarray] = OrderedDict()

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode()).digest()

    def __contains__(self, text: str) -> bool:
        return self._key(text) in self._items

    def get(self, text: str) -> np.ndarray:
        key = self._key(text)
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, text: str, value: np.ndarray) -> None:
        key = self._key(text)
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)


class RecentVectors:
    def __init__(self, capacity: int = CAPACITY):
        self._recent = Recent(capacity)

    def encode(self, texts: Sequence[str],
               encode: Callable[[list[str]], np.ndarray] = encode_off_hub) -> np.ndarray:
        """(len(texts), 384) rows in order; only the texts not remembered are encoded, in
        one call of `encode`."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._recent))
        fresh = dict(zip(missing, encode(missing), strict=True)) if missing else {}
        out = np.empty((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = fresh[text] if text in fresh else self._recent.get(text)
        for text, vector in fresh.items():
            self._recent.put(text, vector)
        return out
