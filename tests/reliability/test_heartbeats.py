"""The gateway's own connections negotiate AMQP heartbeats (KAIZEN_AMQP_HEARTBEAT, 30 s),
so a broker that vanishes without closing the socket is noticed: the RPC reply connections
and the event feed, as the broker's management API lists them."""
from __future__ import annotations

import time
from urllib.parse import quote

import httpx

from gateway.events import CONNECTION_NAME as EVENTS
from gateway.replies import CONNECTION_NAME as REPLIES
from tests.support.stack import MGMT


def heartbeats_by_name(vhost: str) -> dict[str, set[int]]:
    url = f"{MGMT}/api/vhosts/{quote(vhost, safe='')}/connections"
    found: dict[str, set[int]] = {}
    for connection in httpx.get(url, auth=("guest", "guest"), timeout=10).json():
        name = (connection.get("client_properties") or {}).get("connection_name")
        if name:
            found.setdefault(name, set()).add(connection["timeout"])
    return found


def test_the_gateways_connections_carry_heartbeats(stack):
    token = stack.token("ana.silva@kaizen.example")
    stack.gql("{ ideas(first: 1) { totalCount } }", token=token)  # opens a reply connection
    deadline = time.monotonic() + 20
    while True:  # the management API lists connections after its next stats tick
        found = heartbeats_by_name(stack.env["KAIZEN_VHOST"])
        if {REPLIES, EVENTS} <= found.keys() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert found.get(REPLIES) == {30} and found.get(EVENTS) == {30}, found
