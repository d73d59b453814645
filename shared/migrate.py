"""Runs a service's Alembic migrations: ``python -m shared.migrate ideas [url]``."""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.settings import ROOT, SERVICES, db_url


def alembic_config(service: str, url: str | None = None) -> Config:
    url = url or db_url(service)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(ROOT / "services" / service / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(service: str, url: str | None = None) -> None:
    command.upgrade(alembic_config(service, url), "head")


def main(argv: list[str]) -> int:
    services = argv[1:2] or [s for s in SERVICES if (ROOT / "services" / s / "migrations").is_dir()]
    url = argv[2] if len(argv) > 2 else None
    for service in services:
        upgrade(service, url)
        print(f"migrated {service}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
