"""The gateway's RPC client recovers from every kind of broker error: the thread's client is
dropped (the next call builds a fresh one), reads are retried once, and the caller gets
ServiceUnavailable, never the raw error. The failing call is a stand-in (no broker here)."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from amqp.exceptions import ConnectionError as AmqpConnectionError
from amqp.exceptions import ConnectionForced, RecoverableConnectionError
from kombu.exceptions import OperationalError

from gateway.rpc import RpcClient, ServiceUnavailable

ERRORS = [
    ConnectionResetError("socket reset"),
    TimeoutError("socket timed out"),
    OperationalError("kombu: connection lost"),
    AmqpConnectionError("py-amqp: connection closed"),
    RecoverableConnectionError("py-amqp: recoverable"),
    ConnectionForced("py-amqp: broker forced close"),
    RuntimeError("This consumer has been disconnected, and can no longer be used"),
]


@pytest.fixture
def client(monkeypatch):
    rpc = RpcClient("amqp://unused/", timeout=1, threads=1)
    seen = {"dropped": 0, "calls": 0}

    def dropped():
        seen["dropped"] += 1

    monkeypatch.setattr(rpc, "_drop_client", dropped)
    yield rpc, seen
    rpc.close()


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_a_broker_error_drops_the_client_and_answers_service_unavailable(client, monkeypatch,
                                                                         error):
    rpc, seen = client

    def fails(*args, **kwargs):
        seen["calls"] += 1
        raise error

    monkeypatch.setattr(rpc, "_call_once", fails)
    with pytest.raises(ServiceUnavailable, match="ideas is unreachable"):
        rpc.call_blocking("ideas", "get_ideas", ([],), {}, {}, idempotent=True)
    assert seen == {"dropped": 2, "calls": 2}  # a read: retried once on a fresh client
    with pytest.raises(ServiceUnavailable):
        rpc.call_blocking("ideas", "submit_idea", ({},), {}, {}, idempotent=False)
    assert seen == {"dropped": 3, "calls": 3}  # a write: never retried


def test_another_error_is_the_callers_and_keeps_the_client(client, monkeypatch):
    rpc, seen = client
    monkeypatch.setattr(rpc, "_call_once", lambda *a, **k: (_ for _ in ()).throw(
        RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        rpc.call_blocking("ideas", "get_ideas", ([],), {}, {}, idempotent=True)
    assert seen["dropped"] == 0


def test_a_client_idle_longer_than_the_heartbeat_is_replaced_before_its_call(monkeypatch):
    import gateway.rpc

    built: list = []

    class Proxy:  # a stand-in for nameko's ClusterRpcProxy
        def __init__(self, config, timeout, reply_listener_cls):
            self.listener, self.stopped = reply_listener_cls, False
            self._reply_listener = SimpleNamespace(container=SimpleNamespace(service_name=""))
            built.append(self)

        def start(self):
            return {}

        def stop(self):
            self.stopped = True

    monkeypatch.setattr(gateway.rpc, "ClusterRpcProxy", Proxy)
    rpc = RpcClient("amqp://unused/", timeout=1, threads=1)
    rpc.heartbeat, now = 30, [100.0]
    rpc.clock = lambda: now[0]
    first = rpc._client(None)[0]
    now[0] += 29
    assert rpc._client(None)[0] is first  # in use within the heartbeat: kept
    now[0] += 31
    second = rpc._client(None)[0]
    assert second is not first and first.stopped and not second.stopped
    assert first.listener.__name__ == "HeartbeatReplyListener"
    assert first._reply_listener.container.service_name == "gateway"  # rpc.reply-gateway-*
    rpc.close()


def test_a_write_with_an_idempotency_key_is_retried_once_on_a_fresh_client(client, monkeypatch):
    rpc, seen = client
    sent: list[dict] = []

    def fails_once(service, method, args, kwargs, context, timeout, call_id=None):
        sent.append(context)
        if len(sent) == 1:
            raise ConnectionResetError("socket reset")
        return {"id": "i1"}

    monkeypatch.setattr(rpc, "_call_once", fails_once)
    answer = asyncio.run(rpc.call("ideas", "submit_idea", {}, idempotency_key="k1"))
    assert answer == {"id": "i1"} and seen["dropped"] == 1
    assert [c["idempotency_key"] for c in sent] == ["k1", "k1"]  # the same key both times
    assert {c["idempotency_for"] for c in sent} == {"ideas.submit_idea"}
