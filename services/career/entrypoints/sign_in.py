"""Signing in through the organisation's identity provider (mixed into CareerService): the
gateway verifies the token and forwards its claims; the person is found by (iss, sub), else
by the SCIM externalId the provider gave them (its subject), else by a verified e-mail,
else created just in time, and takes the provider's name, team and roles at every
sign-in."""
from __future__ import annotations

from services.career import access_store, events, identities, store
from services.career.dto import person_dto
from services.career.validation import validate_claims
from shared.entrypoints import rpc
from shared.settings import OidcSettings


class SignInEntrypoints:
    @rpc
    def sign_in(self, claims: dict) -> dict:
        """Only the gateway (the system identity) calls this. Raises PermissionDenied for
        a refused e-mail domain or a deactivated person, ValidationError for bad claims."""
        self.caller.require().require("admin")
        settings = OidcSettings.from_env()
        clean = validate_claims(claims, settings.groups_claim, settings.team_claim)
        identities.check_domain(clean.email, settings.allowed_domains)
        person = (access_store.person_by_identity(self.db.session, clean.issuer, clean.subject)
                  or access_store.person_by_external_id(self.db.session, clean.subject))
        if person is None:
            person = store.person_by_email(self.db.session, clean.email)
            identities.check_email_match(clean, person is not None)
        if person is None:
            person = access_store.add_person(self.db.session, clean.name, clean.email,
                                             clean.team)
        identities.check_active(person.active)
        roles = (None if clean.groups is None
                 else identities.roles_from_groups(clean.groups, settings.role_groups))
        access_store.apply_claims(person, clean, roles)
        access_store.link_identity(self.db.session, person, clean)
        self.db.emit(events.person_upserted(person, person.roles.split()))
        self.db.commit()
        return person_dto(person)
