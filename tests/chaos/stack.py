"""A stack of its own for the fault suite: its own broker node, its own data directory and
ports, and on the PostgreSQL run its own PostgreSQL cluster, so that killing a service or
restarting the broker or the database disturbs no other test. Started by scripts/stack.sh
(the script behind `make run`) with career (sign-in), ideas and insights."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shared.settings import ROOT
from tests.chaos.broker import Broker
from tests.support.postgres import Cluster, free_port
from tests.support.stack import Stack, scripted_start

SERVICES = ("career", "ideas", "insights")


@dataclass
class ChaosStack:
    stack: Stack
    broker: Broker
    postgres: Cluster | None
    db_urls: dict[str, str]
    base: Path

    @property
    def backend(self) -> str:
        return "postgres" if self.postgres else "sqlite"


def start(postgres: Cluster | None) -> ChaosStack:
    base = Path(tempfile.mkdtemp(prefix="kaizen-chaos-"))
    broker = Broker(base / "rabbitmq").start()
    var_dir = base / "var"
    db_urls = {s: (postgres.create_database() if postgres
                   else f"sqlite:///{var_dir / f'{s}.db'}") for s in SERVICES}
    port = free_port()
    env = {
        **os.environ, **broker.env,
        "AMQP_URI": broker.uri,
        "KAIZEN_VAR_DIR": str(var_dir),
        "KAIZEN_PORT": str(port),
        "KAIZEN_SERVICES": ",".join(SERVICES),
        "KAIZEN_DEV_LOGIN": "1",
        "KAIZEN_IDP": "0",  # dev sign-in only: no embedded identity provider
        "KAIZEN_SMTP_PORT": str(free_port()),
        "KAIZEN_CLOCK_FILE": str(var_dir / "clock"),
        "KAIZEN_RATE_LIMITS": "0",  # 8 clients submit as fast as the stack answers
        "KAIZEN_EVENT_RETRY_DELAY": "0.2",  # the poison event is parked within seconds
        **{f"KAIZEN_{s.upper()}_DB_URL": url for s, url in db_urls.items()},
    }
    stack = Stack(url=f"http://127.0.0.1:{port}", amqp_uri=broker.uri, var_dir=var_dir,
                  env=env)
    chaos = ChaosStack(stack, broker, postgres, db_urls, base)
    failure = scripted_start(stack, timeout=900)
    if failure:
        stop(chaos)
        raise RuntimeError(f"chaos stack did not start:\n{failure}")
    return chaos


def stop(chaos: ChaosStack) -> None:
    try:
        subprocess.run([str(ROOT / "scripts" / "stack.sh"), "stop"], env=chaos.stack.env,
                       capture_output=True, text=True, timeout=120)
    finally:
        try:
            chaos.broker.stop()
        finally:
            shutil.rmtree(chaos.base, ignore_errors=True)
