"""The gateway's RPC client recovers from every kind of broker error: the lost connection is
replaced by a fresh one on the next call, reads are retried once, and the caller gets
ServiceUnavailable, never the raw error. The connection is a stand-in (no broker here)."""
from __future__ import annotations

import asyncio

import pytest
from aiormq.exceptions import AMQPConnectionError, ChannelClosed, ConnectionClosed
from nameko.exceptions import RpcTimeout

import gateway.rpc
from gateway.replies import BrokerLost, ReplyLink
from gateway.rpc import RpcClient, ServiceUnavailable

ERRORS = [
    ConnectionResetError("socket reset"),
    ConnectionRefusedError("broker down"),
    TimeoutError("socket timed out"),
    AMQPConnectionError("aiormq: could not connect"),
    ConnectionClosed(320, "broker forced close"),
    ChannelClosed(406, "channel closed"),
    BrokerLost("the RPC connection closed: heartbeat missed"),
]


class Link:
    """A stand-in ReplyLink: answers with `answer`, or raises the next of `failures`."""

    def __init__(self, failures: list[BaseException], sent: list):
        self.failures, self.sent, self.lost = failures, sent, None

    async def call(self, routing_key, args, kwargs, headers, timeout):
        self.sent.append((routing_key, headers))
        if self.failures:
            self.lost = self.failures.pop(0)
            raise self.lost
        return {"id": "i1"}

    async def close(self):
        pass


@pytest.fixture
def links(monkeypatch):
    """Patches ReplyLink.open; returns (failures to raise, calls sent, links opened)."""
    failures: list[BaseException] = []
    sent: list = []
    opened: list[Link] = []

    async def open_link(amqp_uri, heartbeat, answered_as):
        opened.append(Link(failures, sent))
        return opened[-1]

    monkeypatch.setattr(gateway.rpc.ReplyLink, "open", open_link)
    return failures, sent, opened


def call(rpc: RpcClient, method: str, **options):
    return asyncio.run(rpc.call("ideas", method, ["i1"], **options))


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_a_broker_error_reconnects_and_answers_service_unavailable(links, error):
    failures, sent, opened = links
    rpc = RpcClient("amqp://unused/", timeout=1)
    failures += [error, error]
    with pytest.raises(ServiceUnavailable, match="ideas is unreachable"):
        call(rpc, "get_ideas", idempotent=True)
    assert (len(sent), len(opened)) == (2, 2)  # a read: retried once on a fresh connection
    failures.append(error)
    with pytest.raises(ServiceUnavailable):
        call(rpc, "submit_idea")
    assert len(sent) == 3  # a write: never retried


def test_a_read_retried_after_a_lost_connection_answers(links):
    failures, sent, opened = links
    rpc = RpcClient("amqp://unused/", timeout=1)
    failures.append(ConnectionResetError("socket reset"))

    async def two_reads():
        return [await rpc.call("ideas", "get_ideas", ["i1"], idempotent=True) for _ in "ab"]
    assert asyncio.run(two_reads()) == [{"id": "i1"}] * 2
    assert len(opened) == 2  # the fresh connection is kept for the next call


@pytest.mark.parametrize("error, raised, message", [
    (RuntimeError("a bug"), RuntimeError, "a bug"),  # the caller's, as it came
    (RpcTimeout(1), ServiceUnavailable, "ideas did not answer in time"),
], ids=["another error", "no answer in time"])
def test_an_error_not_the_brokers_is_not_retried(links, error, raised, message):
    failures, sent, opened = links
    failures.append(error)
    with pytest.raises(raised, match=message):
        call(RpcClient("amqp://unused/", timeout=1), "get_ideas", idempotent=True)
    assert len(sent) == 1


def test_a_write_with_an_idempotency_key_is_retried_once_on_a_fresh_connection(links):
    failures, sent, opened = links
    rpc = RpcClient("amqp://unused/", timeout=1)
    failures.append(ConnectionResetError("socket reset"))
    assert call(rpc, "submit_idea", idempotency_key="k1") == {"id": "i1"}
    assert len(opened) == 2
    assert [h["nameko.idempotency_key"] for _, h in sent] == ["k1", "k1"]  # the same key
    assert {h["nameko.idempotency_for"] for _, h in sent} == {"ideas.submit_idea"}


def test_the_call_carries_nameko_headers_and_the_routing_key(links):
    _, sent, _ = links
    call(RpcClient("amqp://unused/", timeout=1), "get_ideas")
    routing_key, headers = sent[0]
    assert routing_key == "ideas.get_ideas"
    assert [*headers] == ["nameko.call_id_stack"]  # anonymous: no service token
    assert headers["nameko.call_id_stack"][0].startswith("gateway.")


def test_a_lost_link_fails_its_waiting_calls_and_is_not_used_again():
    async def scenario():
        link = ReplyLink.__new__(ReplyLink)
        link.waiting, link.lost = {"c1": asyncio.get_running_loop().create_future()}, None
        link.connection = type("Closed", (), {"is_closed": True})()
        link._lose(ConnectionResetError("socket reset"))
        with pytest.raises(BrokerLost, match="socket reset"):
            await link.waiting["c1"]
        with pytest.raises(BrokerLost):
            await link.call("ideas.get_ideas", (), {}, {}, 1)
    asyncio.run(scenario())
