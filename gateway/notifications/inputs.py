"""Inputs of notifications, and the service's fields made from them."""
from __future__ import annotations

import strawberry

from gateway.notifications.types import ChatChannelKind, DigestFrequency


@strawberry.input
class KindPreferenceInput:
    kind: str
    in_app: bool = True
    email: bool = True
    chat: bool = True


@strawberry.input(description="Local times, HH:MM, e.g. from 22:00 until 07:00.")
class QuietHoursInput:
    from_: str = strawberry.field(name="from")
    until: str


@strawberry.input(description="Only the fields given change; `quietHours: null` clears them.")
class NotificationPreferencesInput:
    kinds: list[KindPreferenceInput] | None = strawberry.UNSET
    digest: DigestFrequency | None = strawberry.UNSET
    time_zone: str | None = strawberry.UNSET
    quiet_hours: QuietHoursInput | None = strawberry.UNSET


@strawberry.input
class CreateChatChannelInput:
    kind: ChatChannelKind
    url: str
    team_ids: list[str] = strawberry.field(
        default_factory=list, description="Teams whose news it hears; none: the organisation.")
    kinds: list[str] = strawberry.field(default_factory=list)


def preference_fields(given: NotificationPreferencesInput) -> dict:
    fields: dict = {}
    if given.kinds:
        fields["kinds"] = [{"kind": k.kind, "in_app": k.in_app, "email": k.email,
                            "chat": k.chat} for k in given.kinds]
    if given.digest:
        fields["digest"] = given.digest.value
    if given.time_zone:
        fields["time_zone"] = given.time_zone
    if given.quiet_hours is not strawberry.UNSET:
        quiet = given.quiet_hours
        fields["quiet_hours"] = {"from": quiet.from_, "until": quiet.until} if quiet else None
    return fields


def channel_fields(given: CreateChatChannelInput) -> dict:
    return {"kind": given.kind.value, "url": given.url, "team_ids": list(given.team_ids),
            "kinds": list(given.kinds)}
