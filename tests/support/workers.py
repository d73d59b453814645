"""Entrypoint logic without a broker: nameko's `worker_factory` builds the service instance,
the database is the service's own `Db` on a real in-memory SQLite, and every other
dependency (caller, RPC proxies) is a mock. The `Db` is wrapped in a Mock, so a test sees
what the entrypoint emitted and whether it committed; `after_call` does what the database
provider does when a worker finishes: whatever was not committed is thrown away."""
from __future__ import annotations

import json
from types import SimpleNamespace
from unittest.mock import Mock

from nameko.testing.services import worker_factory
from sqlalchemy import MetaData, Table, create_engine, select
from sqlalchemy.orm import Session

from shared.db import Db
from shared.errors import Unauthenticated
from shared.identity import Identity


class Workers:
    """`workers(identity)` is an instance of `service_cls` called by `identity`; all of them
    share one `db` (the service's own Db class) on a fresh in-memory database holding
    `metadata`'s tables. Other dependencies are mocks unless given."""

    def __init__(self, service_cls, metadata: MetaData, db_class: type[Db] = Db,
                 **dependencies):
        self.service_cls, self.dependencies = service_cls, dependencies
        self.engine = create_engine("sqlite://")
        metadata.create_all(self.engine)
        self.session = Session(self.engine, expire_on_commit=False)
        declared = service_cls.db  # the Database provider: service name, outbox, inbox
        provider = SimpleNamespace(service=declared.service, outbox=declared.outbox,
                                   inbox=declared.inbox)
        self.db = Mock(wraps=db_class(provider, self.session))
        self.db.session = self.session

    def __call__(self, identity: Identity | None):
        return worker_factory(self.service_cls, db=self.db, caller=caller_as(identity),
                              **self.dependencies)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_) -> None:
        self.session.close()
        self.engine.dispose()


def caller_as(identity: Identity | None) -> Mock:
    """What a worker sees as `self.caller` for `identity` (None: nobody signed in)."""
    caller = Mock()
    if identity is None:
        caller.require.side_effect = Unauthenticated("sign in to do this")
    else:
        caller.require.return_value = identity
    return caller


def emitted(db: Mock) -> list[tuple[str, dict]]:
    """(event_type, data) of every event the worker emitted, in order."""
    return [(call.args[0].event_type, call.args[0].dump()) for call in db.emit.call_args_list]


def after_call(db: Mock) -> None:
    db.session.rollback()


def outbox_types(session: Session, outbox: Table) -> list[str]:
    """The event types in the outbox, oldest first: what is committed, after `after_call`."""
    rows = session.execute(select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
    return [json.loads(payload)["event_type"] for payload in rows]
