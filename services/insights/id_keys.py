"""Ids <-> usearch keys for ``ApproximateIndex``, in numpy arrays instead of a dict and a
list of a million Python strings (about 0.15 GiB for 1M UUID ids; these take 25 MiB).

Keys are handed out in order (0, 1, 2, ...): a replaced id gets a new key and its old one
stays dead, so the live keys in order are the ids in the order a dict would keep them.
Ids by key: 16 bytes each while every id is a canonical UUID string (what the database
holds), otherwise a list of the ids themselves (``id_columns``). Id -> key: a table of
int32 keys with linear probing, at most half full, whose start slot is a mix of the id's
64-bit hash; ids of equal hash are told apart by comparing the stored id, so a collision
costs a probe, never a wrong answer."""
from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from services.insights.id_columns import IdColumn, ObjectColumn, UuidColumn, grown

EMPTY, GONE = -1, -2  # a table slot never used / freed by a removal (probing goes on past it)
MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of h * 2^64/phi
MAX_KEYS = 2**31 - 1


class IdKeys:
    def __init__(self) -> None:
        self._column: IdColumn | None = None  # chosen by the first insert
        self._live = np.zeros(0, bool)  # by key
        self._table = np.full(8, EMPTY, np.int32)
        self._count = self._used = self.next_key = 0  # live; live + GONE slots; keys given

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item_id: object) -> bool:
        return self.key_of(item_id) is not None

    @property
    def nbytes(self) -> int:
        column = self._column.nbytes if self._column else 0
        return column + self._live.nbytes + self._table.nbytes

    def ids(self) -> list[Hashable]:
        if self._column is None:
            return []
        return self._column.decode(np.flatnonzero(self._live[:self.next_key]))

    def ids_at(self, keys: Sequence[int]) -> list[Hashable | None]:
        """The id holding each key, None where the key was removed or replaced."""
        keys = np.asarray(keys, dtype=np.int64)
        alive = self._live[keys] if keys.size else np.zeros(0, bool)
        found = iter(self._column.decode(keys[alive])) if alive.any() else iter(())
        return [next(found) if a else None for a in alive.tolist()]

    def key_of(self, item_id: object) -> int | None:
        key = int(self.keys_of([item_id])[0])
        return None if key < 0 else key

    def keys_of(self, ids: Sequence[Hashable]) -> np.ndarray:
        """Each id's key, -1 where absent."""
        return self._find(ids)[0]

    def insert(self, ids: Sequence[Hashable]) -> np.ndarray:
        """New keys for ids that are not present (and distinct): the next ones in order."""
        encoded = self._encode_for_insert(ids)
        first, count = self.next_key, len(ids)
        if first + count > MAX_KEYS:
            raise OverflowError("more than 2**31 insertions into one approximate index")
        keys = np.arange(first, first + count, dtype=np.int64)
        self._column.append(encoded)
        self._live = grown(self._live, first + count)
        self._live[first:first + count] = True
        self.next_key = first + count
        self._count, self._used = self._count + count, self._used + count
        if 2 * self._used > len(self._table):
            self._rehash()
        else:
            self._place(keys, self._column.hashes(encoded))
        return keys

    def remove(self, item_id: Hashable) -> int | None:
        """The key the id held, now dead; None if absent."""
        keys, slots = self._find([item_id])
        if keys[0] < 0:
            return None
        self._table[slots[0]] = GONE
        self._live[keys[0]] = False
        self._count -= 1
        return int(keys[0])

    def _encode_for_insert(self, ids: Sequence[Hashable]):
        if self._column is None:
            self._column = UuidColumn() if UuidColumn.encode(ids) is not None else ObjectColumn()
        encoded = self._column.encode(ids)
        if encoded is None:  # an id that is not a UUID: every id becomes a Python object
            self._column = ObjectColumn(self._column.decode(np.arange(self.next_key)))
            self._used = self._count
            self._rehash()
            encoded = self._column.encode(ids)
        return encoded

    @property
    def _shift(self) -> int:  # a slot is the top log2(table size) bits of the mixed hash
        return 65 - len(self._table).bit_length()

    def _slots(self, hashes: np.ndarray) -> np.ndarray:
        return ((hashes * MIX) >> np.uint64(self._shift)).astype(np.int64)

    def _find(self, ids: Sequence[Hashable]) -> tuple[np.ndarray, np.ndarray]:
        """(key, table slot) of each id; key -1 where absent."""
        keys, at = np.full(len(ids), -1, np.int64), np.full(len(ids), -1, np.int64)
        if self._column is None or not ids:
            return keys, at
        if len(ids) == 1:  # one id (an event, an exclusion): Python ints beat numpy's overhead
            keys[0], at[0] = self._find_one(ids[0])
            return keys, at
        encoded = self._column.encode(ids)
        if encoded is None:  # some are not UUIDs (in a column of UUIDs): those are absent
            for n, item_id in enumerate(ids):
                keys[n], at[n] = self._find_one(item_id)
            return keys, at
        pending, slots = np.arange(len(ids)), self._slots(self._column.hashes(encoded))
        mask = len(self._table) - 1
        while pending.size:
            held = self._table[slots].astype(np.int64)
            match = np.zeros(pending.size, bool)
            candidates = np.flatnonzero(held >= 0)
            if candidates.size:
                match[candidates] = self._column.equal(held[candidates], encoded,
                                                       pending[candidates])
            keys[pending[match]], at[pending[match]] = held[match], slots[match]
            going_on = ~match & (held != EMPTY)
            pending, slots = pending[going_on], (slots[going_on] + 1) & mask
        return keys, at

    def _find_one(self, item_id: Hashable) -> tuple[int, int]:
        encoded = self._column.encode_one(item_id)
        if encoded is None:
            return -1, -1
        mask = len(self._table) - 1
        slot = ((self._column.hash_one(encoded) * int(MIX)) & 2**64 - 1) >> self._shift
        while (held := int(self._table[slot])) != EMPTY:
            if held >= 0 and self._column.equal_one(held, encoded):
                return held, slot
            slot = (slot + 1) & mask
        return -1, -1

    def _place(self, keys: np.ndarray, hashes: np.ndarray) -> None:
        """Write keys (absent ones) into the table: each probes on from its start slot to the
        first empty one; of several claiming one slot, the first takes it, the rest go on."""
        slots, mask = self._slots(hashes), len(self._table) - 1
        while keys.size:
            free = np.flatnonzero(self._table[slots] == EMPTY)
            won = free[np.unique(slots[free], return_index=True)[1]]
            self._table[slots[won]] = keys[won]
            lost = np.ones(keys.size, bool)
            lost[won] = False
            keys, slots = keys[lost], (slots[lost] + 1) & mask

    def _rehash(self) -> None:
        """A table less than half full of the live keys (GONE slots dropped)."""
        size = 8
        while size < 2 * self._count + 2:
            size *= 2
        self._table = np.full(size, EMPTY, np.int32)
        self._used = self._count
        live = np.flatnonzero(self._live[:self.next_key])
        self._place(live, self._column.hashes_at(live))
