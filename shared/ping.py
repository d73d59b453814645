"""Health probe: ``python -m shared.ping <service>`` exits 0 when it answers an RPC ping."""
from __future__ import annotations

import sys

from nameko.standalone.rpc import ClusterRpcProxy

from shared.rpc import answered_as
from shared.settings import amqp_uri


def ping(service: str, timeout: float = 5.0) -> bool:
    try:
        # run in the service's own pod, with its broker user: its reply queue is its own
        proxy = answered_as(ClusterRpcProxy({"AMQP_URI": amqp_uri()}, timeout=timeout), service)
        with proxy as cluster:
            return cluster[service].ping() == "pong"
    except Exception:
        return False


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m shared.ping <service>", file=sys.stderr)
        return 2
    ok = ping(argv[1])
    print(f"{argv[1]}: {'ok' if ok else 'DOWN'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
