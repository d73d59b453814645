"""The duplicate score's parts (duplicates.py): which words of a text count, which words have
no counterpart in the other text, how two texts align word by word, and how the parts and
the cosine combine."""
from __future__ import annotations

import numpy as np
import pytest

from services.insights import duplicates, thresholds


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_stop_words_punctuation_and_the_special_tokens_do_not_count():
    tokens = ["[CLS]", "the", "torque", "wr", "##ench", ",", "board", "[SEP]"]
    word_ids = [None, 0, 1, 2, 2, 3, 4, None]
    states = np.stack([unit(1, 0, 0)] * 8)
    states[3], states[4] = unit(0, 1, 0), unit(0, 0, 1)  # the word is its pieces' mean
    words = duplicates.word_vectors(tokens, word_ids, states)
    assert words.shape == (3, 3)  # torque, wrench, board
    assert np.allclose(words[1], unit(0, 1, 1))
    assert np.allclose(np.linalg.norm(words, axis=1), 1.0)


def test_a_text_of_only_stop_words_keeps_them_and_an_empty_one_has_none():
    only = duplicates.word_vectors(["[CLS]", "of", "the", "[SEP]"], [None, 0, 1, None],
                                   np.stack([unit(1, 0)] * 4))
    assert only.shape == (2, 2)
    empty = duplicates.word_vectors(["[CLS]", "[SEP]"], [None, None], np.stack([unit(1, 0)] * 2))
    assert empty.shape == (0, 2)
    assert duplicates.alignment(empty, only) == 0.0


def test_alignment_is_symmetric_one_for_the_same_words_and_punishes_an_unmatched_word():
    a = np.stack([unit(1, 0, 0), unit(0, 1, 0)])
    b = np.stack([unit(0, 1, 0), unit(1, 0, 0)])
    c = np.stack([unit(1, 0, 0), unit(0, 0, 1)])
    assert duplicates.alignment(a, b) == pytest.approx(1.0)
    assert duplicates.alignment(a, c) == pytest.approx(duplicates.alignment(c, a))
    assert duplicates.alignment(a, c) == pytest.approx(0.5)


def test_the_score_is_a_probability_that_rises_with_the_cosine():
    scores = [duplicates.score(c, 0.6, 0.3) for c in (0.2, 0.5, 0.7, 0.9, 1.0)]
    assert all(0 < s < 1 for s in scores) and scores == sorted(scores)
    # the same text is always a possible duplicate, an unrelated one never
    assert duplicates.score(1.0, 1.0, 0.0) >= thresholds.DUPLICATE
    assert duplicates.score(0.2, 0.1, 1.0) < thresholds.DUPLICATE


def test_words_with_a_counterpart_leave_nothing_unmatched():
    a = np.stack([unit(1, 0, 0), unit(0, 1, 0)])
    b = np.stack([unit(0, 1, 0), unit(1, 0.1, 0)])
    assert duplicates.unmatched(a, b) == (1.0, 0.0)


def test_a_changed_word_without_a_counterpart_is_counted_with_its_best_match():
    # "inspect coated areas" / "inspect tire casings": the objects are far apart
    a = np.stack([unit(1, 0, 0, 0), unit(0, 1, 0, 0)])
    b = np.stack([unit(1, 0, 0, 0), unit(0, 0.2, 1, 0)])
    closeness, share = duplicates.unmatched(a, b)
    assert share == pytest.approx(0.5)  # one word of each text of the four
    assert closeness == pytest.approx(float(unit(0, 1, 0, 0) @ unit(0, 0.2, 1, 0)))
    assert duplicates.unmatched(np.zeros((0, 4)), b) == (0.0, 1.0)


def test_at_equal_cosine_a_sibling_scores_below_a_paraphrase():
    inspect, coated, tire, examine = unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1), unit(0.8, 0.6, 0)
    sibling = duplicates.pair_score(0.7, np.stack([inspect, coated]), np.stack([inspect, tire]))
    paraphrase = duplicates.pair_score(0.7, np.stack([inspect, coated]),
                                       np.stack([examine, coated]))
    assert sibling < thresholds.DUPLICATE <= paraphrase
