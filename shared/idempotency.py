"""Idempotent mutations: a retry with the same key answers what the first call answered.

The gateway sends a mutation's idempotency key (the HTTP `Idempotency-Key` header or the
mutation's `clientMutationId`) in the call context of the one RPC the mutation makes, with
the name of that RPC (`ideas.submit_idea`): a call the service makes onwards carries the
same context, and must not take the key for its own.

The service runs the entrypoint once per (caller, key). Its commits are held back while it
runs (`Db.commit` only flushes), then the key, the caller, the operation, a fingerprint of
the arguments and the answer are written and everything commits in one transaction. A
retry within the retention (KAIZEN_IDEMPOTENCY_HOURS, 24) gets the stored answer and writes
nothing; the same key for another operation or other input is a ValidationError naming
`clientMutationId`. Two calls at once with one key: the primary key (caller, key) lets one
commit; the other's transaction (its change included) rolls back and it answers the first
one's result. Keys past the retention are purged with the outbox (`Database.purge`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from kombu.utils import json
from sqlalchemy import Column, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.clock import now
from shared.errors import ValidationError
from shared.settings import idempotency_retention
from shared.types import UtcDateTime

KEY = "idempotency_key"  # call-context keys (nameko sends them as message headers)
FOR = "idempotency_for"  # the RPC the key is for: service.method
MAX_KEY_LENGTH = 255
FIELD = "clientMutationId"
TABLE = "idempotency_keys"
WITHHELD = '{"withheld": "an answer holding a secret shown once"}'  # stored instead of it
REQUEST = "idempotency"  # session.info: (key, operation) of this worker's call
DEFERRED = "idempotency_deferred"  # session.info: commits held back; True once one was asked


def idempotency_keys_table(metadata: MetaData) -> Table:
    return Table(
        TABLE,
        metadata,
        Column("caller_id", String(64), primary_key=True),
        Column("key", String(MAX_KEY_LENGTH), primary_key=True),
        Column("operation", String(120), nullable=False),  # service.method
        Column("fingerprint", String(64), nullable=False),  # sha256 of the arguments
        Column("result", Text, nullable=False),  # the answer, as it went over the wire
        Column("created_at", UtcDateTime(), nullable=False, index=True),
    )


def context_data(key: str, operation: str) -> dict:
    """What a client adds to the call context of `operation` (service.method)."""
    return {KEY: key, FOR: operation}


def requested(data: dict, operation: str) -> str | None:
    """The key the call context carries for `operation`, if any."""
    return data.get(KEY) if data.get(FOR) == operation else None


def fingerprint(arguments: dict) -> str:
    return hashlib.sha256(json.dumps(arguments, sort_keys=True).encode()).hexdigest()


def check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError(f"an idempotency key is 1 to {MAX_KEY_LENGTH} printable "
                              "characters", FIELD)


def once(session: Session, table: Table | None, caller_id: str | None, arguments: dict,
         call: Callable[[], Any], replay: bool = True) -> Any:
    """`call()` once per (caller, key) of this worker's call; the stored answer after.
    `replay=False`: the answer holds a secret shown once (a token's), so it is not stored
    and a retry is refused naming `clientMutationId`; the change is still made once."""
    request = session.info.get(REQUEST)
    if request is None or table is None or caller_id is None:
        return call()
    key, operation = request
    check_key(key)
    print_ = fingerprint(arguments)
    earlier = _find(session, table, caller_id, key)
    if earlier is not None:
        return _replay(earlier, operation, print_)
    session.info[DEFERRED] = False
    try:
        result = call()
        if not session.info[DEFERRED]:
            session.rollback()  # the call committed nothing: nor do we, but the key
    finally:
        session.info.pop(DEFERRED, None)
    try:
        _record(session, table, caller_id, key, operation, print_,
                json.dumps(result) if replay else WITHHELD)
        session.commit()
    except IntegrityError:  # the same key, committed meanwhile by a concurrent call
        session.rollback()
        earlier = _find(session, table, caller_id, key)
        if earlier is None:
            raise
        return _replay(earlier, operation, print_)
    return result


def _cutoff():
    return now() - idempotency_retention()


def _find(session: Session, table: Table, caller_id: str, key: str):
    return session.execute(select(table.c.operation, table.c.fingerprint, table.c.result)
                           .where(table.c.caller_id == caller_id, table.c.key == key,
                                  table.c.created_at >= _cutoff())).first()


def _replay(earlier, operation: str, print_: str) -> Any:
    if earlier.operation != operation:
        raise ValidationError(f"this key was used for another change "
                              f"({earlier.operation}); send a new key for each change", FIELD)
    if earlier.fingerprint != print_:
        raise ValidationError("this key was used for the same change with other input; "
                              "send a new key for each change", FIELD)
    if earlier.result == WITHHELD:
        raise ValidationError("this key made the change already, and its answer held a "
                              "secret that is shown only once: revoke what it made and make "
                              "another with a new key", FIELD)
    return json.loads(earlier.result)


def _record(session: Session, table: Table, caller_id: str, key: str, operation: str,
            print_: str, result: str) -> None:
    session.execute(delete(table).where(table.c.caller_id == caller_id, table.c.key == key,
                                        table.c.created_at < _cutoff()))  # expired, not purged
    session.execute(insert(table).values(caller_id=caller_id, key=key, operation=operation,
                                         fingerprint=print_, result=result,
                                         created_at=now()))


def purge(engine: Engine, table: Table, older_than: timedelta | None = None) -> int:
    """Deletes the keys past their retention; returns how many."""
    cutoff = now() - (older_than if older_than is not None else idempotency_retention())
    with engine.begin() as conn:
        return conn.execute(delete(table).where(table.c.created_at < cutoff)).rowcount
