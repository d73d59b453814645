"""The services' RPC entrypoint: nameko's `rpc` with domain errors expected.

A DomainError (bad input, not found, permission denied, conflict) is the caller's answer,
not a fault of the service. nameko logs an expected exception at WARNING and anything else
at ERROR with its traceback, so operators' ERROR lines stay for real faults. The metrics
count them apart too (`outcome`: rejected vs failed).
"""
from __future__ import annotations

from nameko.rpc import rpc as nameko_rpc

from shared.errors import DomainError


def rpc(fn=None, *, expected_exceptions=(), sensitive_arguments=()):
    """Use as `@rpc` or `@rpc(expected_exceptions=...)`, like nameko's."""
    more = expected_exceptions if isinstance(expected_exceptions, tuple) else (
        expected_exceptions,)
    decorator = nameko_rpc(expected_exceptions=(DomainError, *more),
                           sensitive_arguments=sensitive_arguments)
    return decorator(fn) if fn is not None else decorator
