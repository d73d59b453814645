"""Deactivating and reactivating a person (mixed into CareerService): admins, the admin CLI
and the SCIM endpoint call these. A deactivated person cannot sign in nor use a token, and
drops out of matching, recommendations, mentor lists and others' directory searches; their
open applications and pending mentoring requests are withdrawn. Nothing of theirs is
deleted, so reactivating brings them back as they were."""
from __future__ import annotations

from services.career import applications, domain, events, mentoring_store, store
from services.career.dto import person_dto
from shared.clock import now
from shared.contracts.career import PersonDeactivated, PersonReactivated
from shared.entrypoints import rpc


class ActivationEntrypoints:
    @rpc
    def deactivate_person(self, person_id: str) -> dict:
        """Idempotent: deactivating a deactivated person changes and emits nothing."""
        domain.check_may_change_activation(self.caller.require())
        person = store.find_person(self.db.session, person_id)
        if person.active:
            person.active = False
            withdrawn = applications.withdraw_open_of(self.db.session, person.id)
            store.withdraw_pending_requests(self.db.session, person.id, now())
            mentoring_store.decline_pending_of(self.db.session, person.id)
            self.db.emit(PersonDeactivated(person_id=person.id, withdrawn_application_ids=[
                a.id for a in withdrawn]))
        self.db.commit()
        return person_dto(person)

    @rpc
    def reactivate_person(self, person_id: str) -> dict:
        """Idempotent. Withdrawn applications stay withdrawn (the person applies again)."""
        domain.check_may_change_activation(self.caller.require())
        person = store.find_person(self.db.session, person_id)
        if not person.active:
            person.active = True
            self.db.emit(PersonReactivated(person_id=person.id))
            self.db.emit(events.profile_updated(person))  # the read models learn it again
        self.db.commit()
        return person_dto(person)
