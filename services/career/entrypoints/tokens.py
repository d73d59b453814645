"""Machine tokens (mixed into CareerService): integrators' API tokens, each a person's own
and scoped, and SCIM provisioning clients' tokens, an admin's to hand out. A secret is
answered once, at creation; the gateway finds a token by its secret (the system identity)."""
from __future__ import annotations

from services.career import access_store, identities, store, tokens
from services.career.dto import person_dto, token_dto
from services.career.validation import validate_api_token, validate_token_name
from shared.clock import now, today
from shared.entrypoints import rpc
from shared.errors import FieldErrors, NotFound


class TokenEntrypoints:
    @rpc(secret_answer=True)
    def create_api_token(self, raw: dict) -> dict:
        """{token, secret}; ValidationError naming name, scopes or expiresOn."""
        owner = self.caller.require()
        name, scopes, expires_on = validate_api_token(raw, tokens.SCOPES, today())
        return self._issue(tokens.API, owner.user_id, name, scopes, expires_on)

    @rpc
    def my_api_tokens(self) -> list[dict]:
        owner = self.caller.require()
        found = access_store.tokens_of(self.db.session, tokens.API, owner.user_id)
        return [token_dto(t) for t in found]

    @rpc
    def revoke_api_token(self, token_id: str) -> dict:
        """NotFound for a token that is not the caller's (an admin revokes anyone's)."""
        caller = self.caller.require()
        token = access_store.find_token(self.db.session, token_id, tokens.API)
        if token.person_id != caller.user_id and not caller.has("admin"):
            raise NotFound(f"no token with id {token_id}")
        return self._revoke(token)

    @rpc(sensitive_arguments=("secret",))
    def authenticate_api_token(self, secret: str) -> dict:
        """The gateway's lookup: {person, scopes, expires_on}, or Unauthenticated (unknown,
        revoked, expired) or PermissionDenied (its person deactivated)."""
        self.caller.require().require("admin")
        token = access_store.usable_token(self.db.session, secret, tokens.API)
        person = store.people_by_id(self.db.session, [token.person_id])
        identities.check_active(bool(person) and person[0].active)
        self.db.commit()
        return {"person": person_dto(person[0]), "scopes": token.scopes.split(),
                "expires_on": token_dto(token)["expires_on"]}

    @rpc(secret_answer=True)
    def create_provisioning_token(self, name: str) -> dict:
        """Admins only: {token, secret} for a SCIM client."""
        self.caller.require().require("admin")
        errors = FieldErrors()
        clean = validate_token_name(name, errors)
        errors.raise_if_any()
        return self._issue(tokens.PROVISIONING, None, clean, [], None)

    @rpc
    def provisioning_tokens(self) -> list[dict]:
        self.caller.require().require("admin")
        return [token_dto(t) for t in
                access_store.tokens_of(self.db.session, tokens.PROVISIONING, None)]

    @rpc
    def revoke_provisioning_token(self, token_id: str) -> dict:
        self.caller.require().require("admin")
        return self._revoke(access_store.find_token(self.db.session, token_id,
                                                    tokens.PROVISIONING))

    @rpc(sensitive_arguments=("secret",))
    def authenticate_provisioning_token(self, secret: str) -> dict:
        """The gateway's lookup for /scim/v2: the token, or Unauthenticated."""
        self.caller.require().require("admin")
        token = access_store.usable_token(self.db.session, secret, tokens.PROVISIONING)
        self.db.commit()
        return token_dto(token)

    def _issue(self, kind, person_id, name, scopes, expires_on) -> dict:
        secret = tokens.new_secret(kind)
        token = access_store.add_token(self.db.session, kind, person_id, name, scopes,
                                       tokens.hash_secret(secret), expires_on)
        self.db.commit()
        return {"token": token_dto(token), "secret": secret}

    def _revoke(self, token) -> dict:
        if token.revoked_at is None:
            token.revoked_at = now()
        self.db.commit()
        return token_dto(token)
