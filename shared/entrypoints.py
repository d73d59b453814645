"""The services' RPC entrypoint: nameko's `rpc` with domain errors expected, input free of
control characters, run once per idempotency key (shared.idempotency), on a service queue
declared with Kaizen's arguments (shared.queues.service_queue: requests expire with the
gateway's timeout; a quorum queue in production).

A DomainError (bad input, not found, permission denied, conflict) is the caller's answer,
not a fault of the service. nameko logs an expected exception at WARNING and anything else
at ERROR with its traceback, so operators' ERROR lines stay for real faults. The metrics
count them apart too (`outcome`: rejected vs failed).

Every text anywhere in the arguments is checked before the entrypoint runs: a control
character (NUL, which PostgreSQL cannot store, escape codes, ...; tabs and line breaks
are fine) is a ValidationError naming the field, in GraphQL spelling (`metric.name`).
"""
from __future__ import annotations

import functools
import inspect

from nameko.rpc import Rpc as NamekoRpc
from nameko.rpc import RpcConsumer as NamekoRpcConsumer

from shared import queues
from shared.db import Db
from shared.errors import DomainError, FieldErrors
from shared.text import CONTROL_REFUSAL, has_control
from shared.verify import CallerProxy

FIELD_DICTS = ("fields", "changes")  # a dict of an input's fields: its keys are the names


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _check(value: object, path: str, errors: FieldErrors) -> None:
    if isinstance(value, str):
        errors.check(not has_control(value, multiline=True), path or "input", CONTROL_REFUSAL)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(item, f"{path}.{camel(str(key))}" if path else camel(str(key)), errors)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _check(item, f"{path}[{i}]", errors)


def check_arguments(signature: inspect.Signature, args: tuple, kwargs: dict) -> None:
    errors = FieldErrors()
    for name, value in signature.bind(None, *args, **kwargs).arguments.items():
        _check(value, "" if name in FIELD_DICTS else camel(name), errors)
    errors.raise_if_any()


def _arguments(signature: inspect.Signature, args: tuple, kwargs: dict) -> dict:
    bound = signature.bind(None, *args, **kwargs)
    bound.apply_defaults()
    return dict(list(bound.arguments.items())[1:])  # without self


def _caller_id(service) -> str | None:
    caller = getattr(service, "caller", None)
    identity = caller.identity if isinstance(caller, CallerProxy) else None
    return identity.user_id if identity else None


def _screened(fn, secret_answer: bool = False):
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def entrypoint(self, *args, **kwargs):
        check_arguments(signature, args, kwargs)
        db = getattr(self, "db", None)
        if not isinstance(db, Db):  # a unit test's mock, or a service without a database
            return fn(self, *args, **kwargs)
        return db.once(_caller_id(self), _arguments(signature, args, kwargs),
                       lambda: fn(self, *args, **kwargs), replay=not secret_answer)

    entrypoint.__signature__ = signature  # nameko checks calls against the real one
    return entrypoint


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


def rpc(fn=None, *, expected_exceptions=(), sensitive_arguments=(), secret_answer=False):
    """Use as `@rpc` or `@rpc(expected_exceptions=...)`, like nameko's. `secret_answer`:
    the answer holds a secret shown once, never stored for a retry (shared.idempotency)."""
    more = expected_exceptions if isinstance(expected_exceptions, tuple) else (
        expected_exceptions,)
    decorator = Rpc.decorator(expected_exceptions=(DomainError, *more),
                              sensitive_arguments=sensitive_arguments)

    def screened(fn):
        return decorator(_screened(fn, secret_answer))

    return screened(fn) if fn is not None else screened
