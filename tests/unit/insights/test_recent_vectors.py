"""Vectors remembered by text: only the texts not seen lately reach the encoder."""
from __future__ import annotations

import numpy as np

from services.insights.encoder import length_batches
from services.insights.recent_vectors import RecentVectors
from tests.unit.insights.conftest import WordEncoder


class Counting(WordEncoder):
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.encode(texts)


def test_only_texts_not_remembered_are_encoded_and_the_vectors_are_the_encoders():
    encoder, recent = Counting(), RecentVectors()
    texts = ["lean coach", "forklift", "lean coach"]
    assert np.array_equal(recent.encode(texts, encoder), encoder.encode(texts))
    assert np.array_equal(recent.encode(["forklift", "kanban"], encoder),
                          encoder.encode(["forklift", "kanban"]))
    assert encoder.calls == [["lean coach", "forklift"], ["kanban"]]


def test_the_least_recently_used_is_forgotten_first():
    encoder, recent = Counting(), RecentVectors(capacity=2)
    recent.encode(["a", "b"], encoder)
    recent.encode(["a"], encoder)  # b is now the least recently used
    recent.encode(["c"], encoder)
    recent.encode(["a", "b"], encoder)
    assert encoder.calls == [["a", "b"], ["c"], ["b"]]


def test_a_short_text_is_never_padded_to_a_long_ones_width():
    lengths = np.array([4, 209, 3, 10, 8, 4, 3])
    order = np.argsort(-lengths, kind="stable")
    batches = [list(lengths[rows]) for rows in length_batches(order, lengths, 32)]
    assert batches == [[209], [10, 8], [4, 4, 3, 3]]
    assert [len(b) for b in length_batches(order[2:], lengths, 2)] == [2, 2, 1]
    assert sorted(np.concatenate(list(length_batches(order, lengths, 3)))) == list(range(7))
