"""Raw RPC input -> typed values; one ValidationError naming every bad field (the GraphQL
names: `kinds`, `digest`, `quietHours`, `timeZone`, `url`, `teamIds`)."""
from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain import KINDS
from services.notifications.targets import TargetError, check_url
from services.notifications.windows import CADENCES, is_zone, parse_hhmm
from shared.errors import FieldErrors

CHANNEL_KINDS = ("SLACK", "TEAMS", "WEBHOOK")


@dataclass(frozen=True)
class KindChoice:
    kind: str
    in_app: bool
    email: bool
    chat: bool


@dataclass(frozen=True)
class PreferenceChange:
    kinds: tuple[KindChoice, ...]
    digest: str | None
    time_zone: str | None
    quiet: tuple[str | None, str | None] | None  # None: unchanged; (None, None): cleared


@dataclass(frozen=True)
class ChannelFields:
    kind: str
    url: str
    team_ids: tuple[str, ...]
    kinds: tuple[str, ...]


def preference_change(raw: dict) -> PreferenceChange:
    errors = FieldErrors()
    kinds = tuple(_kind_choice(k, errors) for k in raw.get("kinds") or [])
    digest = raw.get("digest")
    if digest is not None and digest not in CADENCES:
        errors.add("digest", f"must be one of {', '.join(CADENCES)}")
    time_zone = raw.get("time_zone")
    if time_zone is not None and not is_zone(time_zone):
        errors.add("timeZone", "is not an IANA time zone, e.g. Europe/Lisbon")
    quiet = _quiet(raw, errors) if "quiet_hours" in raw else None
    errors.raise_if_any()
    return PreferenceChange(tuple(k for k in kinds if k), digest, time_zone, quiet)


def _kind_choice(raw: dict, errors: FieldErrors) -> KindChoice | None:
    if raw.get("kind") not in KINDS:
        errors.add("kinds", f"unknown kind {raw.get('kind')!r}")
        return None
    return KindChoice(raw["kind"], bool(raw.get("in_app", True)), bool(raw.get("email", True)),
                      bool(raw.get("chat", True)))


def _quiet(raw: dict, errors: FieldErrors) -> tuple[str | None, str | None]:
    hours = raw.get("quiet_hours")
    if hours is None:
        return (None, None)
    try:
        start, end = parse_hhmm(hours["from"]), parse_hhmm(hours["until"])
    except (KeyError, ValueError, TypeError):
        errors.add("quietHours", "give from and until as HH:MM, e.g. 22:00 and 07:00")
        return (None, None)
    return (start.strftime("%H:%M"), end.strftime("%H:%M"))


def channel_fields(raw: dict) -> ChannelFields:
    errors = FieldErrors()
    kind = raw.get("kind")
    if kind not in CHANNEL_KINDS:
        errors.add("kind", f"must be one of {', '.join(CHANNEL_KINDS)}")
    url = str(raw.get("url") or "").strip()
    try:
        check_url(url)
    except TargetError as exc:
        errors.add("url", str(exc))
    kinds = tuple(raw.get("kinds") or [])
    if not kinds:
        errors.add("kinds", "choose at least one kind of notice")
    for bad in (k for k in kinds if k not in KINDS):
        errors.add("kinds", f"unknown kind {bad!r}")
    for personal in (k for k in kinds if k in KINDS and not KINDS[k].team_visible):
        errors.add("kinds", f"{personal} is a personal matter and never goes to a channel")
    team_ids = tuple(str(t).strip() for t in raw.get("team_ids") or [] if str(t).strip())
    errors.raise_if_any()
    return ChannelFields(kind, url, team_ids, kinds)
