"""The broker permissions of each user, read as RabbitMQ reads them (a regex that must match
the whole resource name; topic permissions on the routing key)."""
from __future__ import annotations

import re

from shared.broker_users import gateway_grant, service_grant

NOTIFIED = "evt-ideas-idea_submitted--notifications.on_idea_submitted"
REPLY = "rpc.reply-{}-0b7e6f52-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
UUID = "0b7e6f52-3c4d-4e5f-8a9b-0c1d2e3f4a5b"


def allows(pattern: str, name: str) -> bool:
    return re.search(pattern, name) is not None


def test_a_service_reads_its_own_queues_only():
    read = service_grant("notifications").read
    own = (NOTIFIED, f"{NOTIFIED}.retry", "rpc-notifications", REPLY.format("notifications"))
    for queue in own:
        assert allows(read, queue), queue
    for queue in ("rpc-reflections", REPLY.format("gateway"),
                  REPLY.format("standalone_rpc_proxy"), "evt-notifications-x--insights.on_x",
                  "amq.gen-abc"):
        assert not allows(read, queue), queue


def test_a_service_publishes_to_its_own_events_exchange_only():
    write = service_grant("ideas").write
    assert allows(write, "ideas.events") and allows(write, "nameko-rpc")
    for exchange in ("reflections.events", "career.events", "amq.default", "amq.topic"):
        assert not allows(write, exchange), exchange
    assert not allows(gateway_grant().write, "ideas.events")


def test_topics_rpc_to_the_services_it_calls_retries_to_its_own_handlers():
    topics = service_grant("insights").topics
    rpc_write, _ = topics["nameko-rpc"]
    assert allows(rpc_write, "career.get_profiles") and allows(rpc_write, "insights.ping")
    assert allows(rpc_write, UUID)  # an answer to a caller's reply queue
    assert not allows(rpc_write, "reflections.get_reflections")
    retry_write, _ = topics["kaizen.retry"]
    assert allows(retry_write, "evt-ideas-idea_submitted--insights.on_idea_submitted.retry")
    assert not allows(retry_write, f"{NOTIFIED}.retry")
    assert topics["reflections.events"][0] == "^$"  # no event of another's


def test_a_service_binds_to_another_services_events_only_for_what_it_handles():
    _, read = service_grant("notifications").topics["ideas.events"]
    assert allows(read, "idea_submitted") and not allows(read, "#")
    assert service_grant("insights").topics["notifications.events"][1] == "^$"
