"""The steps every change of a reflection takes, shared by writing and seeding: links
checked with their owners, the row written, and what the change shares told outside
(nothing while it is private). The use case commits."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from services.reflections import domain, store
from services.reflections.links import check_links
from services.reflections.models import OUTBOX, Reflection
from services.reflections.validation import ReflectionFields
from shared import outbox
from shared.contracts.reflections import ReflectionShared, ReflectionUnshared
from shared.db import Db


def owners(worker) -> dict:
    """The RPC proxies of the services that own what a reflection links to."""
    return {"ideas": worker.ideas_rpc, "experiments": worker.experiments_rpc,
            "career": worker.career_rpc}


def create(db: Db, proxies: dict, author_id: str, team: str | None,
           fields: ReflectionFields, at: datetime) -> Reflection:
    check_links(fields["links"], proxies)
    reflection = store.add_reflection(db.session, author_id, team, fields, at)
    publish(db, reflection.id, None, shared(reflection))
    return reflection


def shared(reflection: Reflection) -> domain.SharedView | None:
    return domain.shared_view(reflection, store.tags_of(reflection))


def publish(db: Db, reflection_id: str, before: domain.SharedView | None,
            after: domain.SharedView | None) -> None:
    """Emits what the change means outside, and drops the earlier shared events still
    waiting in the outbox: their text was withdrawn or superseded."""
    event = domain.publication(before, after)
    if event is None:
        return
    outbox.forget(db.session, OUTBOX, "reflection_shared", "reflection_id", reflection_id)
    if event == "shared":
        db.emit(ReflectionShared(**{**asdict(after), "tags": list(after.tags)}))
    else:
        db.emit(ReflectionUnshared(reflection_id=reflection_id))
