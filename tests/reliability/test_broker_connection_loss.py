"""When the broker drops every connection, the gateway reconnects and reads keep working."""
from __future__ import annotations

import time
from urllib.parse import quote

import httpx

from tests.support.stack import MGMT

AUTH = ("guest", "guest")


def connections_of(vhost: str) -> list[dict]:
    url = f"{MGMT}/api/vhosts/{quote(vhost, safe='')}/connections"
    deadline = time.monotonic() + 20
    while True:  # the management API lists connections after its next stats tick
        found = httpx.get(url, auth=AUTH, timeout=10).json()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def drop_connections(vhost: str) -> int:
    connections = connections_of(vhost)
    for connection in connections:
        httpx.delete(f"{MGMT}/api/connections/{quote(connection['name'], safe='')}",
                     auth=AUTH, timeout=10)
    return len(connections)


def test_reads_survive_the_broker_closing_every_connection(stack):
    token = stack.token("ana.silva@kaizen.example")
    query = "{ ideas(first: 5) { totalCount } }"
    before = stack.gql(query, token=token)["ideas"]["totalCount"]
    assert drop_connections(stack.env["KAIZEN_VHOST"]) > 0
    deadline = time.monotonic() + 30
    while True:  # services reconnect on their own; the gateway on its next call
        response = stack.graphql(query, token=token)
        if "errors" not in response.json() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert response.json() == {"data": {"ideas": {"totalCount": before}}}
    assert httpx.get(f"{stack.url}/healthz", timeout=30).status_code == 200
