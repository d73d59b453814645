"""Deactivating and reactivating a person, the steps the admins' RPCs and SCIM provisioning
share: a deactivated person's open applications and pending mentoring requests are
withdrawn, their pending programme matches declined, and PersonDeactivated tells the other
services; nothing of theirs is deleted. Each is idempotent and leaves the commit to the use
case."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from services.career import applications, events, mentoring_store, store
from services.career.models import Person
from shared.clock import now
from shared.contracts.career import PersonDeactivated, PersonReactivated


def deactivate(session: Session, emit: Callable, person: Person) -> None:
    if not person.active:
        return
    person.active = False
    withdrawn = applications.withdraw_open_of(session, person.id)
    store.withdraw_pending_requests(session, person.id, now())
    mentoring_store.decline_pending_of(session, person.id)
    emit(PersonDeactivated(person_id=person.id,
                           withdrawn_application_ids=[a.id for a in withdrawn]))


def reactivate(emit: Callable, person: Person) -> None:
    """Withdrawn applications stay withdrawn (the person applies again)."""
    if person.active:
        return
    person.active = True
    emit(PersonReactivated(person_id=person.id))
    emit(events.profile_updated(person))  # the read models learn it again
