"""Entrypoint logic without a broker: one worker per call from nameko's `worker_factory`,
as a container makes one per request, under plain pytest (no eventlet monkey-patching).

The worker's `db` is the service's own `shared.db.Db` on a migrated SQLite file, so what a
use case commits (and the events it writes to its outbox) can be read back, and what it
does not commit is rolled back when the call ends, as `Database.worker_teardown` does. The
caller is a real `CallerProxy` with a service token for the identity given (None: nobody
signed in). Every other dependency is a MagicMock unless given (`career_rpc=...`)."""
from __future__ import annotations

from nameko.testing.services import worker_factory
from sqlalchemy import Table
from sqlalchemy.orm import Session

from shared.db import Db, make_engine
from shared.identity import Identity, mint_service_token
from shared.migrate import upgrade
from shared.verify import CallerProxy, verifier_for
from tests.support import services


class UnitDatabase:
    """What `Db` needs of its provider: the service's tables; relaying is the broker's."""

    def __init__(self, service: str, url: str, outbox: Table, inbox: Table) -> None:
        self.service, self.outbox, self.inbox = service, outbox, inbox
        self.engine = make_engine(url)

    def relay(self) -> int:
        return 0


class Workers:
    def __init__(self, service_cls, tmp_path, outbox: Table, inbox: Table, **dependencies):
        self.service_cls, self.dependencies = service_cls, dependencies
        self.url = f"sqlite:///{tmp_path / f'{service_cls.name}.db'}"
        upgrade(service_cls.name, self.url)
        self.database = UnitDatabase(service_cls.name, self.url, outbox, inbox)
        self.outbox = outbox

    def worker(self, identity: Identity | None):
        session = Session(self.database.engine, expire_on_commit=False)
        name = self.service_cls.name
        token = mint_service_token(identity, name) if identity else None  # as the gateway
        return worker_factory(self.service_cls, db=Db(self.database, session),
                              caller=CallerProxy(token, verifier_for(name), None),
                              **self.dependencies)

    def call(self, method: str, *args, identity: Identity | None, **kwargs):
        """Calls `method` on a fresh worker; afterwards only what it committed remains."""
        worker = self.worker(identity)
        try:
            return getattr(worker, method)(*args, **kwargs)
        finally:
            worker.db.session.rollback()
            worker.db.session.close()

    def handle(self, handler: str, message: dict) -> None:
        """Delivers an event envelope to the event handler `handler`."""
        self.call(handler, message, identity=None)

    def rows(self, statement) -> list:
        """What is committed, read on a connection of its own."""
        return services.rows(self.url, statement)

    def events(self, event_type: str | None = None) -> list[dict]:
        """The `data` of the committed outbox events, oldest first."""
        return services.outbox_events(self.outbox, self.url, event_type)

    def close(self) -> None:
        self.database.engine.dispose()
