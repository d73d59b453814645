"""The approximate index's id maps (numpy arrays, not a dict) against the dict and list
they replace: the same keys, ids and order through inserts, replacements and removals,
for UUID ids (16 bytes each), other ids, ids whose hashes collide, and a mix."""
from __future__ import annotations

import random
import uuid

import numpy as np
import pytest

from services.insights.ann_index import ApproximateIndex
from services.insights.id_keys import IdKeys


class Model:
    """What ApproximateIndex held before: a dict id -> key and a list key -> id."""

    def __init__(self) -> None:
        self.keys: dict = {}
        self.ids: list = []

    def insert(self, ids: list) -> list[int]:
        first = len(self.ids)
        self.ids.extend(ids)
        self.keys.update(zip(ids, range(first, first + len(ids)), strict=True))
        return list(range(first, first + len(ids)))

    def remove(self, item_id) -> int | None:
        key = self.keys.pop(item_id, None)
        if key is not None:
            self.ids[key] = None
        return key


def uuids(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]


class Colliding:
    """An id whose hash is shared by every other one of its kind."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Colliding) and other.n == self.n


def agree(keys: IdKeys, model: Model, probes: list) -> None:
    assert len(keys) == len(model.keys)
    assert keys.ids() == list(model.keys)
    assert keys.keys_of(probes).tolist() == [model.keys.get(p, -1) for p in probes]
    assert [p in keys for p in probes] == [p in model.keys for p in probes]
    assert keys.ids_at(list(range(len(model.ids)))) == model.ids


@pytest.mark.parametrize("pool", [
    uuids(300, seed=1),
    [f"doc-{n}" for n in range(300)],
    list(range(300)),
    uuids(150, seed=2) + [n for n in range(150)] + [str(uuid.uuid4()).upper()],
    [Colliding(n) for n in range(120)],
], ids=["uuids", "strings", "ints", "mixed", "colliding"])
def test_inserts_replacements_and_removals_match_a_dict(pool: list) -> None:
    rng = random.Random(3)
    keys, model = IdKeys(), Model()
    for _ in range(150):
        batch = rng.sample(pool, rng.choice([1, 1, 2, 5, 40]))
        if rng.random() < 0.3:
            for item_id in batch:
                assert keys.remove(item_id) == model.remove(item_id)
        else:
            for item_id in batch:  # a replacement: removed, then inserted with a new key
                assert keys.remove(item_id) == model.remove(item_id)
            assert keys.insert(batch).tolist() == model.insert(batch)
        agree(keys, model, rng.sample(pool, 30))


def test_uuids_whose_hashes_collide_are_told_apart() -> None:
    halves = [uuid.uuid4().hex[:16] for _ in range(2)]
    ids = [str(uuid.UUID(halves[0] + halves[1])), str(uuid.UUID(halves[1] + halves[0]))]
    keys = IdKeys()
    keys.insert(ids)  # the two 8-byte halves swapped: the same 64-bit hash
    assert keys.keys_of(ids).tolist() == [0, 1]
    assert keys.remove(ids[0]) == 0
    assert keys.key_of(ids[0]) is None and keys.key_of(ids[1]) == 1
    assert keys.ids() == [ids[1]]


def test_uuid_ids_take_under_32_bytes_each() -> None:
    keys = IdKeys()
    keys.insert(uuids(100_000, seed=4))
    assert keys.nbytes < 32 * 100_000  # a dict and a list of strings: about 160 bytes each


def test_an_index_over_ids_that_are_not_uuids_answers_with_the_same_ids() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((200, 16)).astype(np.float32)
    ids = uuids(100, seed=6) + [f"legacy-{n}" for n in range(99)] + [17]
    index = ApproximateIndex.build(ids, vectors)
    assert list(index) == ids
    assert [index.search(v, 1)[0][0] for v in vectors[95:105]] == ids[95:105]
    index.add_one(ids[3], -vectors[3])  # replaced: moves to the end, as in a dict
    assert index.ids() == ids[:3] + ids[4:] + [ids[3]]
    assert index.search(-vectors[3], 1)[0][0] == ids[3]
    assert index.remove(17) and 17 not in index and len(index) == 199
