"""SCIM 2.0 provisioning (mixed into CareerService): the gateway forwards each request to
/scim/v2 with the bearer's secret; career checks the provisioning token, serves the request
with scim2-server over its own tables (scim_storage) and commits it when it succeeded."""
from __future__ import annotations

from services.career import access_store, activation, scim_protocol, tokens
from services.career.scim_storage import CareerStorage, Effects
from shared.entrypoints import rpc
from shared.settings import OidcSettings


class ProvisioningEntrypoints:
    @rpc(sensitive_arguments=("secret",))
    def serve_scim(self, secret: str | None, request: dict) -> dict:
        """Only the gateway (the system identity) calls this. `request`: {method, base_url,
        path, query, headers, body}; the answer {status, headers, body}, a SCIM Error with
        status 401 for a missing, unknown or revoked token."""
        self.caller.require().require("admin")
        storage = CareerStorage(self.db.session, scim_protocol.PROVIDER, Effects(
            emit=self.db.emit,
            deactivate=lambda person: activation.deactivate(self.db.session, self.db.emit,
                                                            person),
            reactivate=lambda person: activation.reactivate(self.db.emit, person),
            role_groups=OidcSettings.from_env().role_groups))
        response = scim_protocol.serve(
            scim_protocol.request_of(request), storage,
            lambda: access_store.usable_token(self.db.session, secret or "",
                                              tokens.PROVISIONING))
        if scim_protocol.succeeded(response):
            self.db.commit()
        else:
            self.db.session.rollback()
        return scim_protocol.answer(response)
