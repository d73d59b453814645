"""Runs a service's Alembic migrations, then declares its consumer queues on the broker
(AMQP_URI), so they exist before any producer publishes: ``python -m shared.migrate ideas
[url]`` (the migrate Jobs), ``python -m shared.migrate`` (every service: `make run`)."""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from shared import queues, topology
from shared.settings import ROOT, SERVICES, amqp_uri, db_url


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


def declare_consumers(service: str) -> int:
    """Declares the service's RPC queue and the queues of its event handlers (recreating
    those an older release declared with other arguments); returns how many handlers."""
    found = topology.consumers_in(service)
    config = {"AMQP_URI": amqp_uri()}
    queues.declare(amqp_uri(), [queues.service_queue(service, config),
                                *(q for c in found for q in c.queues(config))])
    return len(found)


def main(argv: list[str]) -> int:
    services = argv[1:2] or [s for s in SERVICES if (ROOT / "services" / s / "migrations").is_dir()]
    url = argv[2] if len(argv) > 2 else None
    for service in services:
        upgrade(service, url)
        print(f"migrated {service}; {declare_consumers(service)} consumer queue(s) declared")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
