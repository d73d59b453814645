"""The RPC client's reply connection, with AMQP heartbeats.

nameko's standalone client opens its reply connection without a heartbeat and only reads
from it inside a call, so a broker that vanished without closing the socket (a node lost,
a network partition) leaves the call waiting on a dead connection. Here the connection
negotiates a heartbeat, and a call waits in slices, checking the heartbeat between them
(py-amqp sends ours and raises when the broker's stopped arriving). A client idle for longer
than the heartbeat is replaced before its next call (gateway.rpc), since the broker closes a
connection whose heartbeats stopped.
"""
from __future__ import annotations

from time import monotonic

from kombu import Connection
from nameko import serialization
from nameko.constants import AMQP_SSL_CONFIG_KEY, AMQP_URI_CONFIG_KEY, LOGIN_METHOD_CONFIG_KEY
from nameko.standalone.rpc import PollingQueueConsumer, SingleThreadedReplyListener

from shared.settings import amqp_heartbeat

CONNECTION_NAME = "kaizen-gateway-rpc-replies"  # as the management UI lists it


class HeartbeatConnection(Connection):
    def drain_events(self, timeout: float | None = None, **kwargs):
        """Waits for one frame up to `timeout` (socket.timeout after it), checking the
        heartbeat at least every quarter heartbeat meanwhile."""
        tick = max(1.0, (self.heartbeat or 4) / 4)
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            self.heartbeat_check()
            remaining = tick if deadline is None else min(tick, deadline - monotonic())
            if remaining <= 0:
                raise TimeoutError("timed out")
            try:
                return super().drain_events(timeout=remaining, **kwargs)
            except TimeoutError:
                if deadline is not None and monotonic() >= deadline:
                    raise


class HeartbeatQueueConsumer(PollingQueueConsumer):
    def register_provider(self, provider) -> None:
        """PollingQueueConsumer's, with a heartbeat and a name on the connection."""
        self.provider = provider
        config = provider.container.config
        self.serializer, self.accept = serialization.setup(config)
        self.connection = HeartbeatConnection(
            config[AMQP_URI_CONFIG_KEY], ssl=config.get(AMQP_SSL_CONFIG_KEY),
            login_method=config.get(LOGIN_METHOD_CONFIG_KEY), heartbeat=amqp_heartbeat(),
            transport_options={"client_properties": {"connection_name": CONNECTION_NAME}})
        self.queue = provider.queue
        self._setup_consumer()
        self.stopped = False


class HeartbeatReplyListener(SingleThreadedReplyListener):
    def __init__(self, timeout: float | None = None):
        super().__init__(timeout=timeout)
        self.queue_consumer = HeartbeatQueueConsumer(timeout=timeout)
