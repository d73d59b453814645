"""Writing what events say into the read model, for the event handlers in entrypoints/.

Each step claims its event first (the inbox), so a redelivered event changes nothing, and
encodes texts before it claims (off the hub, with no write lock held meanwhile). `db` is the
worker's shared.db.Db."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.insights import domain, theme_upkeep
from services.insights.documents import Doc, deactivate, extra_of, prepare, tombstone, upsert_many
from services.insights.models import Document
from shared.contracts import Contract

RETRIES = 3


def retried(handler):
    """Two handlers may insert the same document at once (shared and unshared travel on
    separate queues): the loser rolls back and runs again, seeing the winner's row."""
    @functools.wraps(handler)
    def run(self, message: dict) -> None:
        for attempt in range(RETRIES):
            try:
                return handler(self, message)
            except IntegrityError:
                self.db.session.rollback()
                if attempt == RETRIES - 1:
                    raise
    return run


def claimed(db, message: dict, handler: str) -> bool:
    return db.claim(message, f"insights.{handler}")


def apply_once(db, message: dict, handler: str, contract: type[Contract],
               change: Callable[[Session, Contract], None]) -> None:
    """Claims the event, lets `change` apply it to the session, commits."""
    if not claimed(db, message, handler):
        return
    change(db.session, contract.model_validate(message["data"]))
    db.commit()


def newer(message: dict, row: Document) -> bool:
    """Whether `message` happened after the last event applied to `row`."""
    return domain.is_newer(message["occurred_at"], extra_of(row).get("as_of"))


def write(db, message: dict, handler: str, docs: list[Doc], adjust=None) -> None:
    """Encodes first, then claims the event, lets `adjust` revise the docs against the
    current rows, upserts and places them, and clusters the pool when it is due."""
    vectors = prepare(db.session, docs)
    if not claimed(db, message, handler):
        return
    due = False
    for row, *_ in upsert_many(db.session, adjust(docs) if adjust else docs, vectors):
        due = theme_upkeep.place(db.session, row) or due
    if due:
        theme_upkeep.cluster_the_pool(db.session)
    db.commit()


def write_latest(db, message: dict, handler: str, doc: Doc,
                 keep: Callable[[Doc, Document], None] | None = None) -> None:
    """For documents whose events travel on separate queues (posted/updated/closed,
    shared/unshared, submitted/updated/merged): whichever happened last wins, whatever
    order they arrive in. `keep` carries over what the row holds that `doc` lacks."""
    def unless_outdated(docs: list[Doc]) -> list[Doc]:
        row = db.session.get(Document, (doc.kind, doc.id))
        if row is not None and not newer(message, row):
            return []
        if row is not None and keep is not None:
            keep(doc, row)
        return docs

    doc.extra["as_of"] = message["occurred_at"]
    write(db, message, handler, [doc], unless_outdated)


def retire(db, message: dict, handler: str, kind: str, doc_id: str, status: str,
           erase: bool = False) -> None:
    """Deactivates the document; a tombstone stands in for one not seen yet, so its
    earlier event, arriving late, is ignored. `erase` forgets its text and embedding."""
    if not claimed(db, message, handler):
        return
    session = db.session
    row = tombstone(session, kind, doc_id)
    if newer(message, row):
        deactivate(session, kind, doc_id, status, as_of=message["occurred_at"])
        theme_upkeep.place(session, row)
        if erase:
            row.text, row.embedding = "", b""
            row.extra = json.dumps({"as_of": message["occurred_at"]})
    db.commit()
