"""The fault suite's own RabbitMQ node: its own node name, ports and data directory
(scripts/rabbit.sh with KAIZEN_RABBIT_DIR), so restarting it touches no other stack."""
from __future__ import annotations

import os
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from shared.settings import ROOT
from tests.support.postgres import free_port


@dataclass
class Broker:
    dir: Path
    name: str = field(default_factory=lambda: f"kaizen-chaos-{uuid.uuid4().hex[:8]}@localhost")
    port: int = field(default_factory=free_port)
    mgmt_port: int = field(default_factory=free_port)
    dist_port: int = field(default_factory=free_port)

    @property
    def uri(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    @property
    def env(self) -> dict[str, str]:
        return {"RABBITMQ_NODENAME": self.name, "KAIZEN_AMQP_PORT": str(self.port),
                "KAIZEN_RABBIT_MGMT_PORT": str(self.mgmt_port),
                "KAIZEN_RABBIT_DIST_PORT": str(self.dist_port),
                "KAIZEN_RABBIT_DIR": str(self.dir)}

    def _script(self, command: str) -> None:
        subprocess.run([str(ROOT / "scripts" / "rabbit.sh"), command],
                       env={**os.environ, **self.env}, check=True, capture_output=True,
                       text=True, timeout=180)

    def start(self) -> Broker:
        self._script("start")
        return self

    def stop(self) -> None:
        self._script("stop")

    def restart(self) -> None:
        """A node restart: every connection drops; durable queues and persistent messages
        stay on its disk."""
        self.stop()
        self.start()
