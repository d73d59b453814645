"""A broker that goes away between a worker's work and its reply or ack no longer ends the
service: nameko lets that error kill the container, and `nameko run` with it, so a broker
restart under load left services dead (found by `make chaos`, broker_restarted). The
message stays unacknowledged and comes back; idempotency keys and the inbox apply it once.
The broker's refusal is a stand-in here; tests/chaos restarts a real one."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from kombu.exceptions import OperationalError
from nameko.rpc import RpcConsumer as NamekoRpcConsumer

from shared.entrypoints import RpcConsumer
from shared.events import EventHandler

REFUSED = OperationalError("[Errno 111] ECONNREFUSED")


def raising(error):
    def fail(*args, **kwargs):
        raise error
    return fail


def test_a_reply_the_broker_cannot_take_leaves_the_service_running(monkeypatch):
    monkeypatch.setattr(NamekoRpcConsumer, "handle_result", raising(REFUSED))
    consumer = RpcConsumer()
    consumer.container = SimpleNamespace(service_name="ideas")
    assert consumer.handle_result(object(), {"id": "i1"}, None) == ({"id": "i1"}, None)


def test_any_other_reply_error_still_raises(monkeypatch):
    monkeypatch.setattr(NamekoRpcConsumer, "handle_result", raising(RuntimeError("a bug")))
    consumer = RpcConsumer()
    consumer.container = SimpleNamespace(service_name="ideas")
    with pytest.raises(RuntimeError, match="a bug"):
        consumer.handle_result(object(), {"id": "i1"}, None)


def handler_acking_with(error) -> EventHandler:
    handler = object.__new__(EventHandler)
    handler.container = SimpleNamespace(service_name="insights")
    handler.method_name = "on_idea_submitted"
    handler.queue_consumer = SimpleNamespace(ack_message=raising(error))
    return handler


def test_an_event_ack_the_broker_cannot_take_leaves_the_service_running():
    handler_acking_with(REFUSED).handle_message_processed(object())


def test_any_other_ack_error_still_raises():
    with pytest.raises(RuntimeError):
        handler_acking_with(RuntimeError("a bug")).handle_message_processed(object())
