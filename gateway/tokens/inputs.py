"""The input of a new API token, as career's create_api_token takes it."""
from __future__ import annotations

from datetime import date

import strawberry

from gateway.tokens.types import ApiScope


@strawberry.input
class CreateApiTokenInput:
    name: str = strawberry.field(description="What it is for, e.g. the integration's name")
    scopes: list[ApiScope]
    expires_on: date | None = strawberry.field(default=None, description="The last day it "
                                               "works; null: until revoked")

    def plain(self) -> dict:
        return {"name": self.name, "scopes": [s.value for s in self.scopes],
                "expires_on": self.expires_on.isoformat() if self.expires_on else None}
