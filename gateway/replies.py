"""The gateway's one RPC connection, on the event loop (aiormq): a channel, an exclusive reply
queue bound to `nameko-rpc` by a UUID (what nameko's `reply_to` names), and the calls
waiting for their answers by correlation id. nameko 2.14's protocol, as nameko.rpc speaks it.

Publishes are `mandatory`: the broker returns one that no queue takes (no such service) and
the call fails at once with nameko's UnknownService. aiormq routes a basic.return through
the channel's publisher confirms, so they are on, but no call waits for its confirm (nameko's
standalone client does, before it reads the reply: 60 % of its call time).

The connection negotiates AMQP heartbeats (aiormq sends and checks them on the loop), so a
broker that vanished without closing the socket is noticed within about twice the heartbeat.
When the connection or channel closes, every waiting call fails with BrokerLost and the link
is `lost`: gateway.rpc opens a new one for the next call.
"""
from __future__ import annotations

import asyncio
import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

import aiormq
from aiormq.abc import DeliveredMessage
from kombu import serialization
from nameko.exceptions import RpcTimeout, UnknownService, deserialize

CONNECTION_NAME = "kaizen-gateway-rpc-replies"  # as the management UI lists it
EXCHANGE = "nameko-rpc"  # nameko.rpc.get_rpc_exchange: topic, durable
PERSISTENT = 2  # nameko publishes requests persistent


def with_heartbeat(amqp_uri: str, heartbeat: int) -> str:
    parts = urlsplit(amqp_uri)
    query = "&".join(filter(None, [parts.query, urlencode({"heartbeat": heartbeat})]))
    return urlunsplit(parts._replace(query=query))


class BrokerLost(ConnectionError):
    """The link's connection or channel closed (the reason is the message)."""


class ReplyLink:
    def __init__(self, connection: aiormq.Connection, channel, routing_key: str):
        self.connection, self.channel, self.routing_key = connection, channel, routing_key
        self.waiting: dict[str, asyncio.Future] = {}
        self.lost: BrokerLost | None = None

    @classmethod
    async def open(cls, amqp_uri: str, heartbeat: int, answered_as: str) -> ReplyLink:
        """The queue is `rpc.reply-<answered_as>-<uuid>` (shared.broker_users lets that user
        alone read it)."""
        connection = await aiormq.connect(with_heartbeat(amqp_uri, heartbeat), client_properties={
            "connection_name": CONNECTION_NAME})
        try:
            channel = await connection.channel(on_return_raises=False)
            await channel.exchange_declare(EXCHANGE, exchange_type="topic", durable=True)
            routing_key = str(uuid.uuid4())
            queue = f"rpc.reply-{answered_as}-{routing_key}"
            await channel.queue_declare(queue, exclusive=True, auto_delete=True)
            await channel.queue_bind(queue, EXCHANGE, routing_key)
            link = cls(connection, channel, routing_key)
            channel.on_return_callbacks.add(link._returned)
            await channel.basic_consume(queue, link._answered, no_ack=True)
        except BaseException:
            await connection.close()
            raise
        for closing in (connection.closing, channel.closing):
            closing.add_done_callback(link._closed)
        return link

    async def call(self, routing_key: str, args: tuple, kwargs: dict, headers: dict,
                   timeout: float):
        """`routing_key` is `service.method`. Raises the remote error as nameko's client does
        (nameko.exceptions.deserialize), UnknownService, RpcTimeout or BrokerLost."""
        if self.lost:
            raise self.lost
        content_type, encoding, body = serialization.dumps(
            {"args": args, "kwargs": kwargs}, "json")
        correlation_id = str(uuid.uuid4())
        properties = aiormq.spec.Basic.Properties(
            content_type=content_type, content_encoding=encoding, delivery_mode=PERSISTENT,
            priority=0, reply_to=self.routing_key, correlation_id=correlation_id,
            headers=headers)
        answer = self.waiting[correlation_id] = asyncio.get_running_loop().create_future()
        try:
            publish = asyncio.ensure_future(self.channel.basic_publish(
                body.encode() if isinstance(body, str) else body, exchange=EXCHANGE,
                routing_key=routing_key, properties=properties, mandatory=True))
            publish.add_done_callback(lambda done: self._published(answer, done))
            async with asyncio.timeout(timeout):
                reply = await answer
        except TimeoutError:
            raise RpcTimeout(timeout) from None
        finally:
            self.waiting.pop(correlation_id, None)
        if error := reply.get("error"):
            raise deserialize(error)
        return reply["result"]

    async def close(self) -> None:
        await self.connection.close()

    def _published(self, answer: asyncio.Future, publish: asyncio.Future) -> None:
        if publish.cancelled() or publish.exception() is None:
            return
        exc = publish.exception()
        if isinstance(exc, (aiormq.exceptions.AMQPError, ConnectionError, RuntimeError)):
            self._lose(exc)  # the channel is gone (ChannelInvalidStateError is a RuntimeError)
        elif not answer.done():
            answer.set_exception(exc)

    def _returned(self, message: DeliveredMessage) -> None:
        answer = self.waiting.get(message.header.properties.correlation_id)
        if answer is not None and not answer.done():
            service = (message.routing_key or "").split(".")[0]
            answer.set_exception(UnknownService(service))

    async def _answered(self, message: DeliveredMessage) -> None:
        properties = message.header.properties
        answer = self.waiting.get(properties.correlation_id)
        if answer is None or answer.done():
            return  # its caller timed out
        try:
            answer.set_result(serialization.loads(
                message.body, properties.content_type, properties.content_encoding,
                accept=["application/json"]))
        except Exception as exc:  # an unreadable reply is that caller's error
            answer.set_exception(exc)

    def _closed(self, closing: asyncio.Future) -> None:
        reason = None if closing.cancelled() else closing.exception()
        self._lose(reason or "closed")

    def _lose(self, reason: BaseException | str) -> None:
        if self.lost:
            return
        self.lost = BrokerLost(f"the RPC connection closed: {reason}")
        for answer in self.waiting.values():
            if not answer.done():
                answer.set_exception(self.lost)
        if not self.connection.is_closed:
            asyncio.ensure_future(self.connection.close())
