"""Ids by key for ``id_keys.IdKeys``: 16 bytes a key while every id is a canonical UUID
string (lowercase, hyphenated: ``str(uuid.UUID(s)) == s``, so it decodes to the same
string), otherwise the ids themselves in a list. Each gives a 64-bit hash per id (a UUID's
own bits; Python's ``hash`` for other ids, equal for ids that compare equal)."""
from __future__ import annotations

import sys
from collections.abc import Hashable, Sequence
from typing import Protocol

import numpy as np

HYPHENS = [8, 13, 18, 23]
HEX_DIGITS = np.setdiff1d(np.arange(36), HYPHENS)
NIBBLE = np.full(256, 255, np.uint8)  # ASCII code -> its hex value (255: not a lowercase digit)
NIBBLE[np.frombuffer(b"0123456789abcdef", np.uint8)] = np.arange(16, dtype=np.uint8)


def grown(array: np.ndarray, needed: int) -> np.ndarray:
    """The array with room for ``needed`` rows (a quarter more than that when it grows, so
    one-at-a-time inserts copy it rarely); the new rows are zero."""
    if len(array) >= needed:
        return array
    room = needed if len(array) == 0 else max(needed, len(array) + len(array) // 4)
    bigger = np.zeros((room, *array.shape[1:]), array.dtype)
    bigger[:len(array)] = array
    return bigger


class IdColumn(Protocol):
    nbytes: int

    def encode(self, ids: Sequence[Hashable]): ...  # what append/equal/hashes take; None: unfit
    def append(self, encoded) -> None: ...
    def hashes(self, encoded) -> np.ndarray: ...  # uint64, one per id
    def hashes_at(self, keys: np.ndarray) -> np.ndarray: ...
    def equal(self, keys: np.ndarray, encoded, positions: np.ndarray) -> np.ndarray: ...
    def decode(self, keys: np.ndarray) -> list[Hashable]: ...
    # one id, in Python values (what the batch methods do, without numpy's overhead)
    def encode_one(self, item_id: Hashable): ...
    def hash_one(self, encoded) -> int: ...  # the same value as hashes() gives
    def equal_one(self, key: int, encoded) -> bool: ...


class UuidColumn:
    def __init__(self) -> None:
        self._rows = np.zeros((0, 2), np.uint64)
        self._size = 0

    @property
    def nbytes(self) -> int:
        return self._rows.nbytes

    @staticmethod
    def encode(ids: Sequence[Hashable]) -> np.ndarray | None:
        """(n, 2) uint64, the 16 bytes of each UUID; None unless all are canonical UUIDs."""
        if not all(type(i) is str and len(i) == 36 for i in ids):
            return None
        try:
            text = np.frombuffer("".join(ids).encode("ascii"), np.uint8).reshape(len(ids), 36)
        except UnicodeEncodeError:
            return None
        nibbles = NIBBLE[text[:, HEX_DIGITS]]
        if (text[:, HYPHENS] != ord("-")).any() or (nibbles == 255).any():
            return None
        packed = (nibbles[:, 0::2] << 4) | nibbles[:, 1::2]
        return np.ascontiguousarray(packed).view(np.uint64)

    @staticmethod
    def encode_one(item_id: Hashable) -> bytes | None:
        if type(item_id) is not str or len(item_id) != 36 or any(
                item_id[n] != "-" for n in HYPHENS):
            return None
        digits = item_id.replace("-", "")
        if len(digits) != 32 or digits.strip("0123456789abcdef"):
            return None
        return bytes.fromhex(digits)

    @staticmethod
    def hash_one(encoded: bytes) -> int:  # the two halves as uint64 in native order, xor-ed
        return (int.from_bytes(encoded[:8], sys.byteorder)
                ^ int.from_bytes(encoded[8:], sys.byteorder))

    def equal_one(self, key: int, encoded: bytes) -> bool:
        return self._rows[key].tobytes() == encoded

    def append(self, encoded: np.ndarray) -> None:
        self._rows = grown(self._rows, self._size + len(encoded))
        self._rows[self._size:self._size + len(encoded)] = encoded
        self._size += len(encoded)

    @staticmethod
    def hashes(encoded: np.ndarray) -> np.ndarray:
        return encoded[:, 0] ^ encoded[:, 1]

    def hashes_at(self, keys: np.ndarray) -> np.ndarray:
        return self.hashes(self._rows[keys])

    def equal(self, keys: np.ndarray, encoded: np.ndarray, positions: np.ndarray) -> np.ndarray:
        return (self._rows[keys] == encoded[positions]).all(axis=1)

    def decode(self, keys: np.ndarray) -> list[Hashable]:
        text = self._rows[keys].tobytes().hex()
        return [f"{text[n:n + 8]}-{text[n + 8:n + 12]}-{text[n + 12:n + 16]}-"
                f"{text[n + 16:n + 20]}-{text[n + 20:n + 32]}" for n in range(0, len(text), 32)]


class ObjectColumn:
    def __init__(self, ids: Sequence[Hashable] = ()) -> None:
        self._ids = list(ids)

    @property
    def nbytes(self) -> int:  # the list's pointers; the ids themselves are the caller's too
        return 8 * len(self._ids)

    @staticmethod
    def encode(ids: Sequence[Hashable]) -> list[Hashable]:
        return list(ids)

    def append(self, encoded: list[Hashable]) -> None:
        self._ids.extend(encoded)

    @staticmethod
    def encode_one(item_id: Hashable) -> Hashable:
        return item_id

    @staticmethod
    def hash_one(encoded: Hashable) -> int:
        return hash(encoded) & 2**64 - 1  # hashes()' int64 read as uint64

    def equal_one(self, key: int, encoded: Hashable) -> bool:
        return self._ids[key] == encoded

    @staticmethod
    def hashes(encoded: list[Hashable]) -> np.ndarray:
        return np.array([hash(i) for i in encoded], dtype=np.int64).view(np.uint64)

    def hashes_at(self, keys: np.ndarray) -> np.ndarray:
        return self.hashes(self.decode(keys))

    def equal(self, keys: np.ndarray, encoded: list[Hashable], positions: np.ndarray) -> np.ndarray:
        return np.array([self._ids[k] == encoded[p]
                         for k, p in zip(keys.tolist(), positions.tolist(), strict=True)], bool)

    def decode(self, keys: np.ndarray) -> list[Hashable]:
        return [self._ids[k] for k in np.asarray(keys).tolist()]
