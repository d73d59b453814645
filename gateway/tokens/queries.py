"""Reading tokens: your own API tokens; admins, the provisioning tokens."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.tokens.types import ApiToken, ProvisioningToken


@strawberry.type
class TokensQuery:
    @strawberry.field(description="Your API tokens, revoked ones too, oldest first.",
                      permission_classes=[IsSignedIn])
    async def my_api_tokens(self, info: Info) -> list[ApiToken]:
        return [ApiToken.from_dto(t) for t in
                await info.context.query("career", "my_api_tokens")]

    @strawberry.field(description="Admins: the SCIM clients' tokens.",
                      permission_classes=[IsSignedIn])
    async def provisioning_tokens(self, info: Info) -> list[ProvisioningToken]:
        return [ProvisioningToken.from_dto(t) for t in
                await info.context.query("career", "provisioning_tokens")]
