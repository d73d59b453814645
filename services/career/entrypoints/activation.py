"""Deactivating and reactivating a person (mixed into CareerService): admins, the admin CLI
and the SCIM endpoint call these. A deactivated person cannot sign in nor use a token, and
drops out of matching, recommendations, mentor lists and others' directory searches; their
open applications and pending mentoring requests are withdrawn. Nothing of theirs is
deleted, so reactivating brings them back as they were."""
from __future__ import annotations

from services.career import activation, domain, store
from services.career.dto import person_dto
from shared.entrypoints import rpc


class ActivationEntrypoints:
    @rpc
    def deactivate_person(self, person_id: str) -> dict:
        """Idempotent: deactivating a deactivated person changes and emits nothing."""
        domain.check_may_change_activation(self.caller.require())
        person = store.find_person(self.db.session, person_id)
        activation.deactivate(self.db.session, self.db.emit, person)
        self.db.commit()
        return person_dto(person)

    @rpc
    def reactivate_person(self, person_id: str) -> dict:
        """Idempotent. Withdrawn applications stay withdrawn (the person applies again)."""
        domain.check_may_change_activation(self.caller.require())
        person = store.find_person(self.db.session, person_id)
        activation.reactivate(self.db.emit, person)
        self.db.commit()
        return person_dto(person)
