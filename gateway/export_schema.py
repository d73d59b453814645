"""Writes the GraphQL schema (SDL): ``python -m gateway.export_schema gateway/schema.graphql``."""
from __future__ import annotations

import sys
from pathlib import Path

from gateway.schema import schema


def sdl() -> str:
    return schema.as_str() + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if target:
        target.write_text(sdl())
        print(f"wrote {target}")
    else:
        sys.stdout.write(sdl())
