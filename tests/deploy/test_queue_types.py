"""The production overlay declares quorum queues (with a delivery limit) for every service
and event queue; dev keeps classic queues. The declarations are rendered from the overlay's
ConfigMap the way a pod reads it (envFrom), through shared.queues."""
from __future__ import annotations

import pytest

from shared import queues, topology
from tests.deploy.conftest import find

EXPECTED = {"dev": "classic", "prod": "quorum"}


def declarations(config: dict, monkeypatch) -> list:
    for key in ("KAIZEN_QUEUE_TYPE", "KAIZEN_DELIVERY_LIMIT", "KAIZEN_RPC_TIMEOUT"):
        monkeypatch.delenv(key, raising=False)
        if key in config:
            monkeypatch.setenv(key, config[key])
    services = {c.service for c in topology.known()}
    return [*(queues.service_queue(s, {}) for s in sorted(services)),
            *(q for c in topology.known() for q in c.queues())]


@pytest.mark.parametrize("overlay", sorted(EXPECTED))
def test_each_overlay_declares_its_queue_type(rendered, overlay, monkeypatch):
    config = find(rendered[overlay], "ConfigMap", "kaizen-config")["data"]
    declared = declarations(config, monkeypatch)
    assert declared
    for queue in declared:
        arguments = queue.queue_arguments or {}
        if EXPECTED[overlay] == "quorum":
            assert arguments.get("x-queue-type") == "quorum", queue.name
        else:
            assert "x-queue-type" not in arguments, queue.name
    limited = [q for q in declared if q.name.startswith(("rpc-", "evt-"))
               and not q.name.endswith((".retry", ".dead"))]
    if EXPECTED[overlay] == "quorum":
        assert {q.queue_arguments["x-delivery-limit"] for q in limited} == {20}
    assert {q.queue_arguments["x-message-ttl"] for q in declared
            if q.name.startswith("rpc-")} == {int(config["KAIZEN_RPC_TIMEOUT"]) * 1000}
