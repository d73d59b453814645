"""Career types shared by people and the marketplace: skills, profile entries, evidence,
and the helpers the career modules use to call the service."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import SIGN_IN_FIRST, PermissionDeniedError, user_error
from shared.errors import DomainError


@strawberry.type(description="A skill: an ESCO entry, or a custom one someone typed.")
class Skill:
    id: strawberry.ID
    name: str
    custom: bool

    @classmethod
    def from_dto(cls, dto: dict) -> Skill:
        custom = dto.get("custom", str(dto["id"]).startswith("custom:"))
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"], custom=custom)


@strawberry.type
class ProfileSkill:
    skill: Skill
    level: int = strawberry.field(description="1 (beginner) to 5 (expert)")


@strawberry.type(description="Proof of skill from improvement work.")
class Evidence:
    id: strawberry.ID
    source: str = strawberry.field(description="EXPERIMENT or IDEA")
    source_id: strawberry.ID
    title: str
    text: str
    occurred_at: datetime

    @classmethod
    def from_dto(cls, dto: dict) -> Evidence:
        return cls(id=strawberry.ID(dto["id"]), source=dto["source"],
                   source_id=strawberry.ID(dto["source_id"]), title=dto["title"],
                   text=dto["text"], occurred_at=datetime.fromisoformat(dto["occurred_at"]))


def plain(value):
    """Input objects to JSON-safe data for RPC: enums to values, dates to ISO strings."""
    if is_dataclass(value):
        value = asdict(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


async def run_command(info: Info[Context, None], method: str, *args,
                      build: Callable[[dict], object], **kwargs):
    """Calls a career command as the signed-in person: `build(result)`, or a user error."""
    if info.context.identity is None:
        return PermissionDeniedError(message=SIGN_IN_FIRST)
    try:
        dto = await info.context.command("career", method, *args, **kwargs)
    except DomainError as exc:
        return user_error(exc)
    return build(dto)
