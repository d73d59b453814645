"""Input rules for reflections and list filters: every bad field is named at once, in its
GraphQL spelling (`promptId`), and nothing is stored."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypedDict

from services.reflections.domain import Visibility
from shared import clock
from shared.errors import FieldErrors

BODY_MAX = 20_000
TAGS_MAX, TAG_MAX_LEN = 10, 30
LINKS_MAX, LINK_ID_MAX = 20, 64
SEARCH_MAX = 200
FIELDS = ("body", "prompt_id", "tags", "mood", "visibility", "links")


class LinkKind(StrEnum):
    IDEA = "IDEA"
    EXPERIMENT = "EXPERIMENT"
    OPPORTUNITY = "OPPORTUNITY"


class Link(TypedDict):
    kind: LinkKind
    id: str


class ReflectionFields(TypedDict, total=False):
    """Clean fields; a partial change holds only those given."""

    body: str
    prompt_id: str | None
    tags: list[str]
    mood: int | None
    visibility: Visibility
    links: list[Link]


@dataclass(frozen=True)
class ListFilter:
    tag: str | None = None
    search: str | None = None
    since: datetime | None = None  # `from`
    until: datetime | None = None  # `to`


@dataclass(frozen=True)
class SeedReflection:
    author_id: str
    team: str | None
    created_at: datetime
    fields: ReflectionFields


def normalise_tag(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_]+", "-", text).strip("-")


def clean_reflection(fields: dict, team: str | None, prompt_ids: Collection[str],
                     partial: bool = False) -> ReflectionFields:
    """Clean values of the fields given (all of them unless `partial`), for an author in
    `team`; raises ValidationError naming every bad field."""
    errors = FieldErrors()
    for unknown in sorted(set(fields) - set(FIELDS)):
        errors.add(unknown, "is not a field of a reflection")
    defaults = {"prompt_id": None, "tags": [], "mood": None,
                "visibility": Visibility.PRIVATE, "links": []}
    given = fields if partial else {**defaults, **fields}
    clean: ReflectionFields = {
        name: CLEANERS[name](given.get(name), errors) for name in FIELDS if name in given}
    if "prompt_id" in clean and clean["prompt_id"] not in (None, *prompt_ids):
        errors.add("promptId", "is not one of the prompts offered")
    if clean.get("visibility") == Visibility.TEAM and not team:
        errors.add("visibility", "you are not in a team: choose PRIVATE or ORGANIZATION")
    errors.raise_if_any()
    return clean


def _body(value, errors: FieldErrors) -> str:
    text = value.strip() if isinstance(value, str) else ""
    errors.check(isinstance(value, str), "body", "must be text")
    errors.check(1 <= len(text) <= BODY_MAX, "body",
                 f"must be 1 to {BODY_MAX} characters (got {len(text)})")
    return text


def _prompt_id(value, errors: FieldErrors) -> str | None:
    errors.check(value is None or isinstance(value, str), "promptId", "must be a prompt id")
    return value or None


def _tags(value, errors: FieldErrors) -> list[str]:
    errors.check(isinstance(value, list | tuple | None), "tags", "must be a list of tags")
    tags: list[str] = []
    for item in value if isinstance(value, list | tuple) else []:
        tag = normalise_tag(str(item))
        if tag and tag not in tags:
            tags.append(tag)
    errors.check(len(tags) <= TAGS_MAX, "tags", f"at most {TAGS_MAX} tags")
    errors.check(all(len(t) <= TAG_MAX_LEN for t in tags), "tags",
                 f"each tag at most {TAG_MAX_LEN} characters")
    return tags


def _mood(value, errors: FieldErrors) -> int | None:
    ok = value is None or (type(value) is int and 1 <= value <= 5)
    errors.check(ok, "mood", "must be a whole number from 1 to 5, or empty")
    return value if ok else None


def _visibility(value, errors: FieldErrors) -> str:
    if value in set(Visibility):
        return Visibility(value)
    errors.add("visibility", "must be PRIVATE, TEAM or ORGANIZATION")
    return Visibility.PRIVATE


def _links(value, errors: FieldErrors) -> list[Link]:
    links: list[Link] = []
    for item in value if isinstance(value, list | tuple) else []:
        kind = item.get("kind") if isinstance(item, dict) else None
        target = item.get("id") if isinstance(item, dict) else None
        if kind not in set(LinkKind) or not isinstance(target, str) \
                or not 1 <= len(target.strip()) <= LINK_ID_MAX:
            errors.add("links", "each link needs a kind (IDEA, EXPERIMENT, OPPORTUNITY) and id")
            return []
        link = Link(kind=LinkKind(kind), id=target.strip())
        if link not in links:
            links.append(link)
    errors.check(isinstance(value, list | tuple | None), "links", "must be a list of links")
    errors.check(len(links) <= LINKS_MAX, "links", f"at most {LINKS_MAX} links")
    return links


CLEANERS = {"body": _body, "prompt_id": _prompt_id, "tags": _tags, "mood": _mood,
            "visibility": _visibility, "links": _links}


def clean_filter(raw: dict | None) -> ListFilter:
    """{tag, search, from, to} of a list: tag normalised, search trimmed, times UTC."""
    raw = raw or {}
    errors = FieldErrors()
    for unknown in sorted(set(raw) - {"tag", "search", "from", "to"}):
        errors.add(unknown, "is not a filter of reflections")
    search = str(raw.get("search") or "").strip()
    errors.check(len(search) <= SEARCH_MAX, "search", f"at most {SEARCH_MAX} characters")
    clean = ListFilter(tag=normalise_tag(str(raw.get("tag") or "")) or None,
                       search=search or None, since=_moment(raw.get("from"), "from", errors),
                       until=_moment(raw.get("to"), "to", errors))
    if clean.since and clean.until:
        errors.check(clean.since <= clean.until, "to", "must not be before from")
    errors.raise_if_any()
    return clean


def _moment(value, name: str, errors: FieldErrors) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        errors.add(name, "must be an ISO 8601 date and time")
        return None
    if not clock.plausible(moment.date()):
        errors.add(name, clock.PLAUSIBLE)
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def clean_import(item: dict, prompt_ids: Collection[str], now: datetime) -> SeedReflection:
    """A back-dated reflection for the demo seed: author, team and time given."""
    errors = FieldErrors()
    author_id = str(item.get("author_id") or "").strip()
    errors.check(1 <= len(author_id) <= 64, "authorId", "must be a person id")
    written = _moment(item.get("created_at"), "createdAt", errors)
    errors.check(bool(item.get("created_at")), "createdAt", "is required")
    errors.check(written is None or written <= now, "createdAt", "must be in the past")
    errors.raise_if_any()
    fields = {k: v for k, v in item.items() if k not in ("author_id", "team", "created_at")}
    team = item.get("team") or None
    return SeedReflection(author_id=author_id, team=team, created_at=written,
                          fields=clean_reflection(fields, team, prompt_ids))
