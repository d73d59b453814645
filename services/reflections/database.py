"""The service's database dependency, made to forget for real.

On SQLite, `secure_delete` overwrites deleted rows with zeros, and a checkpoint after a
delete folds the write-ahead log (which still holds the old pages) into the database
file and truncates it, so a deleted text is gone from the files, not merely unlinked.
On PostgreSQL a deleted row is unreadable at once and its space is reclaimed by
(auto)vacuum.
"""
from __future__ import annotations

import logging

from sqlalchemy import event

from shared.db import Database, Db

log = logging.getLogger(__name__)


def _secure_delete(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


class ReflectionsDb(Db):
    def fold_log(self) -> None:
        """After the delete's commit, which an idempotent call holds back until its answer
        is stored: a checkpoint inside that transaction would wait for it (shared.db)."""
        self.after_commit(self._provider.fold_log)


class ReflectionsDatabase(Database):
    def get_dependency(self, worker_ctx) -> ReflectionsDb:
        return ReflectionsDb(self, super().get_dependency(worker_ctx).session)

    def setup(self) -> None:
        super().setup()
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _secure_delete)

    def fold_log(self) -> None:
        """After a committed delete: move the log into the file and empty it (SQLite)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            log.info("checkpoint after delete was busy; the next one completes it")
