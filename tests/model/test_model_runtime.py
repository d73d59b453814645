"""The insights model runtime: ONNX Runtime over the export of the packaged weights.

The runtime imports neither torch nor transformers; the weights and the ONNX file are checked
against their SHA-256 at load; the export is cached and reproduces the reference vectors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from services.insights import model_export
from services.insights.encoder import Encoder, get_encoder
from services.insights.model_files import (
    EXPORT_COMMAND,
    PACKAGE_WEIGHTS_SHA256,
    ModelIntegrityError,
    ModelNotFoundError,
    export_dir,
    locate,
    package_model_path,
    sha256_file,
)

REPO = Path(__file__).resolve().parents[2]
TEXTS = ["Reduce waiting time at the packing station", "Kaizen", ""]

RUNTIME = textwrap.dedent(
    """
    import eventlet
    eventlet.monkey_patch()
    import json, sys
    import services.insights.service  # the whole insights service, as nameko run loads it
    from services.insights.encoder import get_encoder
    vector = get_encoder().encode_one("Reduce waiting time at the packing station")
    heavy = sorted(m for m in sys.modules
                   if m.split(".")[0] in {"torch", "transformers", "sentence_transformers"})
    print(json.dumps({"heavy": heavy, "norm": float((vector ** 2).sum()),
                      "onnxruntime": "onnxruntime" in sys.modules}))
    """
)


def test_the_runtime_imports_neither_torch_nor_transformers() -> None:
    proc = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", RUNTIME], cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    assert answer["heavy"] == []
    assert answer["onnxruntime"] and answer["norm"] == pytest.approx(1.0, abs=1e-5)


def test_the_packaged_weights_are_the_pinned_ones() -> None:
    files = locate()
    assert sha256_file(Path(package_model_path()) / "model.safetensors") == PACKAGE_WEIGHTS_SHA256
    assert files.manifest["weights"]["sha256"] == PACKAGE_WEIGHTS_SHA256
    assert files.onnx.parent == export_dir(PACKAGE_WEIGHTS_SHA256)
    assert sha256_file(files.onnx) == files.manifest["onnx"]["fp32"]["sha256"]
    assert get_encoder().onnx_path == str(files.onnx)


def _copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(package_model_path(), folder)
    return folder


def test_other_weights_without_their_export_are_refused_by_name(tmp_path, monkeypatch) -> None:
    folder = _copy_model(tmp_path)
    with open(folder / "model.safetensors", "r+b") as weights:
        weights.seek(-1, os.SEEK_END)
        last = weights.read(1)
        weights.seek(-1, os.SEEK_END)
        weights.write(bytes([last[0] ^ 1]))
    monkeypatch.setenv("KAIZEN_MODEL_PATH", str(folder))
    with pytest.raises(ModelNotFoundError) as refused:
        Encoder()
    assert EXPORT_COMMAND in str(refused.value)


def test_a_changed_onnx_file_is_refused(tmp_path, monkeypatch) -> None:
    exported = locate().onnx.parent
    root = tmp_path / "onnx"
    copy = root / exported.name
    shutil.copytree(exported, copy)
    with open(copy / "model.onnx", "ab") as onnx:
        onnx.write(b"\0")
    monkeypatch.setenv("KAIZEN_ONNX_DIR", str(root))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        Encoder()


def test_an_export_without_the_token_output_is_refused_by_name(tmp_path, monkeypatch) -> None:
    exported = locate().onnx.parent
    root = tmp_path / "onnx"
    copy = root / exported.name
    shutil.copytree(exported, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    del manifest["outputs"]  # as the exports made before the duplicate score were
    (copy / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setenv("KAIZEN_ONNX_DIR", str(root))
    with pytest.raises(ModelNotFoundError, match="tokens") as refused:
        Encoder()
    assert EXPORT_COMMAND in str(refused.value)
    assert not model_export.is_current(copy, PACKAGE_WEIGHTS_SHA256, ["fp32"])


def test_the_word_vectors_come_from_the_same_pass_as_the_embeddings() -> None:
    encoder = get_encoder()
    vectors, words = encoder.encode_words(["Label the shelves in aisle C", "of the", ""])
    np.testing.assert_allclose(vectors, encoder.encode(["Label the shelves in aisle C",
                                                        "of the", ""]), atol=1e-6)
    # label, shelves, aisle, c: no stop word, no [CLS]/[SEP]; a text of stop words keeps them
    assert [w.shape for w in words] == [(4, 384), (2, 384), (0, 384)]
    np.testing.assert_allclose(np.linalg.norm(words[0], axis=1), 1.0, atol=1e-5)


def test_the_export_is_cached_and_reproduces_the_vectors(tmp_path) -> None:
    reference = get_encoder().encode(TEXTS)
    folder = model_export.export(root=tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["weights"]["sha256"] == PACKAGE_WEIGHTS_SHA256
    assert manifest["onnx"]["fp32"]["sha256"] == sha256_file(folder / "model.onnx")
    assert manifest["exported_with"]["torch"].startswith("2.13.0")
    assert manifest["outputs"] == ["embedding", "tokens"]
    written = (folder / "model.onnx").stat().st_mtime_ns
    assert model_export.export(root=tmp_path) == folder  # current: nothing written again
    assert (folder / "model.onnx").stat().st_mtime_ns == written
    os.environ["KAIZEN_ONNX_DIR"] = str(tmp_path)
    try:
        fresh = Encoder().encode(TEXTS)
    finally:
        del os.environ["KAIZEN_ONNX_DIR"]
    np.testing.assert_allclose(np.sum(fresh * reference, axis=1), 1.0, atol=1e-5)
