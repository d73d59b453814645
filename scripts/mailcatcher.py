"""A local SMTP catcher for development (`make run` starts it): every message it receives is
written to var/mail/ as an .eml file, named by arrival time. Loopback only.

    python -m scripts.mailcatcher [--port 8025] [--dir var/mail]   (KAIZEN_SMTP_PORT)"""
from __future__ import annotations

import argparse
import os
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller

from shared.settings import var_dir


class EmlWriter:
    """aiosmtpd handler: one .eml file per message, written whole then renamed into place."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope) -> str:
        # nanoseconds in the name: two messages of one second sort in arrival order
        arrived = time.time_ns()
        stamp = time.strftime('%Y%m%dT%H%M%S', time.gmtime(arrived // 10**9))
        name = f"{stamp}.{arrived % 10**9:09d}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.folder / f".{name}.part"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.folder / name)
        return "250 Message accepted for delivery"


def start(folder: Path, port: int, host: str = "127.0.0.1") -> Controller:
    controller = Controller(EmlWriter(folder), hostname=host, port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("KAIZEN_SMTP_PORT",
                                                                       "8025")))
    parser.add_argument("--dir", type=Path, default=var_dir() / "mail")
    args = parser.parse_args()
    controller = start(args.dir, args.port)
    print(f"mail catcher on 127.0.0.1:{args.port}, writing {args.dir}/*.eml", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
