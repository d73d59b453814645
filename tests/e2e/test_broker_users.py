"""The running stack connects to the broker as one user per process (shared.broker_users):
the gateway as kaizen-gateway, each service as kaizen-<service>, none of them as the
administrator."""
from __future__ import annotations

import httpx

from shared.settings import deployed_services
from tests.support.stack import MGMT


def test_every_process_connects_as_its_own_broker_user(stack):
    vhost = stack.env["KAIZEN_VHOST"]
    connections = httpx.get(f"{MGMT}/api/vhosts/{vhost}/connections", auth=("guest", "guest"),
                            timeout=10).raise_for_status().json()
    users = {c["user"] for c in connections}
    expected = {"kaizen-gateway"} | {f"kaizen-{s}" for s in deployed_services()}
    assert expected <= users, f"missing: {expected - users}"
