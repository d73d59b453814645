"""The possible-duplicate score of two texts (pure): the sentence cosine combined with a
word-by-word alignment of the two texts, BERTScore-style, on the same MiniLM model.

Each text's salient words (no stop words, no punctuation, no [CLS]/[SEP]) are the mean of
their word pieces' last hidden states (the ONNX export's ``tokens`` output), unit-normed.
Two texts align by greedy matching: every word of one is matched with its most similar
word of the other, both ways; ``alignment`` is the F-measure of the two mean best matches
(BERTScore's F without idf weights).

``score`` is a logistic regression on (cosine, alignment), fitted on the tune half of the
ESCO pairs only (``make eval`` prints the fit; the weights and the threshold are in
``thresholds.py``). Its weight on alignment is negative: at equal cosine, a pair whose words
match one for one (a sibling: same verb and object family, one word changed) is less often
the same activity than a pair that says the same in other words. docs/insights.md has the
figures and what else was tried.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from services.insights import thresholds

# Function words of English (a short list: the tokenizer lower-cases, so these match).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
s t
""".split())


def word_vectors(tokens: Sequence[str], word_ids: Sequence[int | None],
                 states: np.ndarray) -> np.ndarray:
    """Unit vectors of the salient words of one encoded text: ``tokens`` and ``word_ids``
    are the tokenizer's (word pieces and the word each belongs to; None for [CLS]/[SEP]),
    ``states`` the model's hidden state of each piece. A text of only stop words keeps
    them all. Shape ``(words, 384)``."""
    words: dict[int, list[int]] = {}
    spelled: dict[int, str] = {}
    for index, (piece, word) in enumerate(zip(tokens, word_ids, strict=False)):
        if word is None:
            continue
        words.setdefault(word, []).append(index)
        spelled[word] = spelled.get(word, "") + piece.removeprefix("##")
    if not words:
        return np.zeros((0, states.shape[-1]), dtype=np.float32)
    salient = [w for w in words if spelled[w] not in STOP_WORDS
               and any(c.isalnum() for c in spelled[w])] or list(words)
    vectors = np.stack([states[words[w]].mean(axis=0) for w in salient]).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def alignment(a: np.ndarray, b: np.ndarray) -> float:
    """BERTScore F of two texts' word vectors: the harmonic mean of the mean best cosine of
    ``a``'s words in ``b`` and of ``b``'s in ``a``. 0.0 when either has no word."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    similarity = a @ b.T
    recall = float(similarity.max(axis=1).mean())
    precision = float(similarity.max(axis=0).mean())
    if precision + recall <= 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def score(cosine: float, aligned: float) -> float:
    """The probability, 0 to 1, that two texts say the same thing (the fitted logistic
    regression); flagged at ``thresholds.DUPLICATE``."""
    w_cosine, w_aligned, bias = thresholds.DUPLICATE_WEIGHTS
    z = w_cosine * cosine + w_aligned * aligned + bias
    return 1.0 / (1.0 + math.exp(-z))


def pair_score(cosine: float, a: np.ndarray, b: np.ndarray) -> float:
    return score(cosine, alignment(a, b))
