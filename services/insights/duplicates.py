"""The possible-duplicate score of two texts (pure): the sentence cosine combined with how
well the words one text has and the other lacks are matched, word by word on the same
MiniLM model.

Each text's salient words (no stop words, no punctuation, no [CLS]/[SEP]) are the mean of
their word pieces' last hidden states (the ONNX export's ``tokens`` output), unit-normed.
Every word of either text is matched with its most similar word of the other. A word whose
best match is below ``thresholds.UNMATCHED`` has no counterpart there: ``unmatched`` gives
the share of such words and their mean best cosine (1.0 when every word has one). A
sibling task changes a word for one the model holds far from it ("coated areas" / "tire
casings"); a paraphrase changes words for close ones ("analyse" / "assess").

``score`` is a logistic regression on (cosine, unmatched closeness, unmatched share), fitted
on the tune halves of both labelled pair sets, the ESCO pairs and the idea groups (``make
eval`` prints the fit; the weights and the threshold are in ``thresholds.py``).
``alignment`` (BERTScore's F) is the previous score's word feature, kept as a baseline.
docs/insights.md has the figures and what else was tried.
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


def unmatched(a: np.ndarray, b: np.ndarray,
              below: float = thresholds.UNMATCHED) -> tuple[float, float]:
    """(closeness, share) of the words of ``a`` and ``b`` whose best cosine in the other
    text is below ``below``: their mean best cosine (1.0 when there are none) and their
    share of all the words of both. (0.0, 1.0) when either text has no word."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 1.0
    similarity = a @ b.T
    best = np.concatenate([similarity.max(axis=1), similarity.max(axis=0)])
    alone = best[best < below]
    return (float(alone.mean()) if len(alone) else 1.0), len(alone) / len(best)


def features(cosine: float, a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """What ``score`` weighs, from the sentence cosine and the two texts' word vectors."""
    return (cosine, *unmatched(a, b))


def score(cosine: float, closeness: float, share: float) -> float:
    """The probability, 0 to 1, that two texts say the same thing (the fitted logistic
    regression on ``features``); flagged at ``thresholds.DUPLICATE``."""
    w_cosine, w_closeness, w_share, bias = thresholds.DUPLICATE_WEIGHTS
    z = w_cosine * cosine + w_closeness * closeness + w_share * share + bias
    return 1.0 / (1.0 + math.exp(-z))


def pair_score(cosine: float, a: np.ndarray, b: np.ndarray) -> float:
    return score(*features(cosine, a, b))
