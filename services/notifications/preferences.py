"""A person's choices per kind (in-app, e-mail, chat) with the kinds' defaults filled in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from services.notifications.domain import KINDS


class StoredChoice(Protocol):
    in_app: bool
    email: bool
    chat: bool


@dataclass(frozen=True)
class Choice:
    kind: str
    in_app: bool
    email: bool
    chat: bool


def effective(kind: str, stored: StoredChoice | None) -> Choice:
    if stored is not None:
        return Choice(kind, stored.in_app, stored.email, stored.chat)
    default = KINDS[kind]
    return Choice(kind, default.in_app, default.email, default.chat)


def every_kind(stored: dict[str, StoredChoice]) -> list[Choice]:
    return [effective(kind, stored.get(kind)) for kind in KINDS]
