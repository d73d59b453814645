"""The services' RPC entrypoint: nameko's `rpc` with domain errors expected, on a service
queue declared with Kaizen's arguments (shared.queues.service_queue: requests expire with
the gateway's timeout; a quorum queue in production).

A DomainError (bad input, not found, permission denied, conflict) is the caller's answer,
not a fault of the service. nameko logs an expected exception at WARNING and anything else
at ERROR with its traceback, so operators' ERROR lines stay for real faults. The metrics
count them apart too (`outcome`: rejected vs failed).
"""
from __future__ import annotations

from nameko.rpc import Rpc as NamekoRpc
from nameko.rpc import RpcConsumer as NamekoRpcConsumer

from shared import queues
from shared.errors import DomainError


class RpcConsumer(NamekoRpcConsumer):
    def setup(self) -> None:
        if self.queue is None:
            self.queue = queues.service_queue(self.container.service_name,
                                              self.container.config)
        super().setup()  # registers with the queue consumer once the queue is set
        if not getattr(self, "_registered", False):
            self.queue_consumer.register_provider(self)
            self._registered = True


class Rpc(NamekoRpc):
    rpc_consumer = RpcConsumer()


def rpc(fn=None, *, expected_exceptions=(), sensitive_arguments=()):
    """Use as `@rpc` or `@rpc(expected_exceptions=...)`, like nameko's."""
    more = expected_exceptions if isinstance(expected_exceptions, tuple) else (
        expected_exceptions,)
    decorator = Rpc.decorator(expected_exceptions=(DomainError, *more),
                              sensitive_arguments=sensitive_arguments)
    return decorator(fn) if fn is not None else decorator
