"""Creating and revoking tokens. Only a person's own session manages tokens: an API token
cannot create or revoke one (gateway.scopes.check_session)."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway import scopes
from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import NotFoundError, Refused, ValidationError, user_error
from gateway.tokens.inputs import CreateApiTokenInput
from gateway.tokens.types import (
    ApiToken,
    CreatedApiToken,
    CreatedProvisioningToken,
    ProvisioningToken,
)
from shared.errors import PermissionDenied

CreateApiTokenResult = Annotated[CreatedApiToken | ValidationError | Refused,
                                 strawberry.union("CreateApiTokenResult")]
RevokeApiTokenResult = Annotated[
    ApiToken | ValidationError | NotFoundError | Refused,
    strawberry.union("RevokeApiTokenResult")]
CreateProvisioningTokenResult = Annotated[
    CreatedProvisioningToken | ValidationError | Refused,
    strawberry.union("CreateProvisioningTokenResult")]
RevokeProvisioningTokenResult = Annotated[
    ProvisioningToken | ValidationError | NotFoundError | Refused,
    strawberry.union("RevokeProvisioningTokenResult")]


async def as_session(info: Info, method: str, *args, to):
    try:
        scopes.check_session(info.context.token_scopes)
    except PermissionDenied as exc:
        return user_error(exc)
    return await info.context.result("career", method, *args, to=to)


@strawberry.type
class TokensMutation:
    @strawberry.mutation(description="A token for an integration, acting as you within its "
                                     "scopes; the secret is answered once.",
                         permission_classes=[IsSignedIn])
    async def create_api_token(self, info: Info, input: CreateApiTokenInput
                               ) -> CreateApiTokenResult:
        return await as_session(info, "create_api_token", input.plain(),
                                to=CreatedApiToken.from_dto)

    @strawberry.mutation(description="It stops working at once.",
                         permission_classes=[IsSignedIn])
    async def revoke_api_token(self, info: Info, id: strawberry.ID) -> RevokeApiTokenResult:
        return await as_session(info, "revoke_api_token", str(id), to=ApiToken.from_dto)

    @strawberry.mutation(description="Admins: a bearer token for the organisation's SCIM "
                                     "client (/scim/v2); the secret is answered once.",
                         permission_classes=[IsSignedIn])
    async def create_provisioning_token(self, info: Info, name: str
                                        ) -> CreateProvisioningTokenResult:
        return await as_session(info, "create_provisioning_token", name,
                                to=CreatedProvisioningToken.from_dto)

    @strawberry.mutation(description="Admins: the SCIM client's token stops working at once.",
                         permission_classes=[IsSignedIn])
    async def revoke_provisioning_token(self, info: Info, id: strawberry.ID
                                        ) -> RevokeProvisioningTokenResult:
        return await as_session(info, "revoke_provisioning_token", str(id),
                                to=ProvisioningToken.from_dto)
