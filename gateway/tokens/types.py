"""Tokens as their owner sees them (never the secret), and the one answer that carries it."""
from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from gateway.iso import day, moment


@strawberry.enum(description="What an API token may do. READ reads everything but private "
                             "reflections; each WRITE_x also changes what it names, and "
                             "WRITE_REFLECTIONS also reads its owner's own reflections.")
class ApiScope(Enum):
    READ = "READ"
    WRITE_IDEAS = "WRITE_IDEAS"
    WRITE_EXPERIMENTS = "WRITE_EXPERIMENTS"
    WRITE_CAREER = "WRITE_CAREER"
    WRITE_REFLECTIONS = "WRITE_REFLECTIONS"


@strawberry.type(description="An integrator's token; it acts as its owner, within its scopes.")
class ApiToken:
    id: strawberry.ID
    name: str
    scopes: list[ApiScope]
    created_at: datetime
    expires_on: date | None = strawberry.field(description="Good through this day; null: "
                                                            "until revoked.")
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ApiToken:
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"],
                   scopes=[ApiScope(s) for s in dto["scopes"]],
                   created_at=moment(dto["created_at"]), expires_on=day(dto["expires_on"]),
                   last_used_at=moment(dto["last_used_at"]),
                   revoked_at=moment(dto["revoked_at"]))


@strawberry.type(description="A SCIM client's token (Authorization: Bearer at /scim/v2).")
class ProvisioningToken:
    id: strawberry.ID
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ProvisioningToken:
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"],
                   created_at=moment(dto["created_at"]),
                   last_used_at=moment(dto["last_used_at"]),
                   revoked_at=moment(dto["revoked_at"]))


@strawberry.type(description="A new API token and its secret, shown this once: Kaizen keeps "
                             "only its hash.")
class CreatedApiToken:
    token: ApiToken
    secret: str

    @classmethod
    def from_dto(cls, dto: dict) -> CreatedApiToken:
        return cls(token=ApiToken.from_dto(dto["token"]), secret=dto["secret"])


@strawberry.type(description="A new provisioning token and its secret, shown this once.")
class CreatedProvisioningToken:
    token: ProvisioningToken
    secret: str

    @classmethod
    def from_dto(cls, dto: dict) -> CreatedProvisioningToken:
        return cls(token=ProvisioningToken.from_dto(dto["token"]), secret=dto["secret"])
