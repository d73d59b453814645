"""uv.lock as the images and the venv see it: what scripts/install-locked.sh exports."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.deploy.conftest import REPO

UV = Path(sys.executable).parent / "uv"


def export_lock(extras: str, out: Path) -> tuple[list[str], list[str]]:
    """The locked requirements (one `name==version` per package, hashes dropped) and torch's
    pin, as `scripts/install-locked.sh export EXTRAS` writes them."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(REPO / "scripts" / "install-locked.sh"), "export", extras, str(out)],
                   cwd=REPO, env={**os.environ, "UV": str(UV)}, check=True, timeout=120)
    text = (out / "requirements.txt").read_text()
    requirements = [line.split(" ;")[0].split(" ")[0] for line in text.splitlines()
                    if line and not line.startswith((" ", "#"))]
    return requirements, (out / "torch.txt").read_text().split()


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0].lower().replace("_", "-")
            for r in requirements}
