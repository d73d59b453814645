"""Input validation of the ideas service: raw input to typed values, or one ValidationError
naming every bad field (GraphQL spelling: `campaignId`, `startsOn`) with nothing stored."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from services.ideas.domain import IdeaStatus
from shared import clock
from shared.errors import FieldErrors, ValidationError
from shared.pagination import NOT_A_CURSOR, decode_key
from shared.text import one_line

TITLE_MIN, TITLE_MAX = 3, 140
TEXT_MAX = 5000
TAGS_MAX, TAG_MAX_LEN = 10, 30
AREA_MAX = 80
SOURCE_REF_MAX = 120
COMMENT_MAX = 5000
SEARCH_MAX = 200
ORDERS = ("NEWEST", "TOP_VOTED", "PRIORITY")
IDEA_TEXTS = ("problem", "proposal", "benefit")
INDEX_PAGE, INDEX_PAGE_MAX = 1000, 5000  # ideas per page of the bulk read for insights


@dataclass(frozen=True)
class IdeaText:
    """What an author writes and may edit while the idea is SUBMITTED."""

    title: str
    problem: str
    proposal: str
    benefit: str
    tags: list[str]
    area: str | None


@dataclass(frozen=True)
class Submission(IdeaText):
    campaign_id: str | None
    source_reflection_id: str | None
    source_ref: str | None = None


@dataclass(frozen=True)
class CampaignFields:
    title: str
    description: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class IdeaFilter:
    """ideas(filter:): each field set narrows the listing; `search` is casefolded words."""

    status: str | None = None
    campaign_id: str | None = None
    author_id: str | None = None
    tag: str | None = None
    search: str = ""


def normalise_tag(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_]+", "-", text).strip("-")


def normalise_tags(raw: list[str] | None, errors: FieldErrors) -> list[str]:
    if raw is not None and not isinstance(raw, list):
        errors.add("tags", "must be a list of words")
        return []
    tags: list[str] = []
    for item in raw or []:
        tag = normalise_tag(str(item))
        if tag and tag not in tags:
            tags.append(tag)
    errors.check(len(tags) <= TAGS_MAX, "tags", f"at most {TAGS_MAX} tags")
    too_long = [t for t in tags if len(t) > TAG_MAX_LEN]
    errors.check(not too_long, "tags", f"each tag at most {TAG_MAX_LEN} characters")
    return tags


def _text(fields: dict, name: str, errors: FieldErrors, limit: int = TEXT_MAX,
          label: str | None = None) -> str:
    value = fields.get(name) or ""
    if not isinstance(value, str):
        errors.add(label or name, "must be text")
        return ""
    value = value.strip()
    errors.check(len(value) <= limit, label or name, f"at most {limit} characters")
    return value


def _title(fields: dict, errors: FieldErrors) -> str:
    title = one_line(str(fields.get("title") or ""))
    errors.check(TITLE_MIN <= len(title) <= TITLE_MAX, "title",
                 f"must be {TITLE_MIN} to {TITLE_MAX} characters (got {len(title)})")
    return title


def _idea_fields(fields: dict, errors: FieldErrors) -> dict:
    clean = {"title": _title(fields, errors)}
    clean |= {name: _text(fields, name, errors) for name in IDEA_TEXTS}
    clean["tags"] = normalise_tags(fields.get("tags"), errors)
    clean["area"] = _text(fields, "area", errors, AREA_MAX) or None
    return clean


def validate_submission(fields: dict) -> Submission:
    """A new idea's fields, or ValidationError naming every bad field."""
    errors = FieldErrors()
    clean = _idea_fields(fields, errors)
    clean["campaign_id"] = _text(fields, "campaign_id", errors, 36, "campaignId") or None
    clean["source_reflection_id"] = _text(
        fields, "source_reflection_id", errors, 36, "sourceReflectionId") or None
    clean["source_ref"] = _text(fields, "source_ref", errors, SOURCE_REF_MAX, "sourceRef") or None
    errors.raise_if_any()
    return Submission(**clean)


def validate_update(current: dict, changes: dict) -> IdeaText:
    """The idea's editable fields after `changes` (absent or None keys keep their value)."""
    merged = {**current, **{k: v for k, v in changes.items() if v is not None}}
    errors = FieldErrors()
    clean = _idea_fields(merged, errors)
    errors.raise_if_any()
    return IdeaText(**clean)


def validate_status(value: object) -> IdeaStatus:
    if value not in set(IdeaStatus):
        raise ValidationError("is not an idea status", field="to")
    return IdeaStatus(value)


def validate_merge(idea_id: object, into_id: object) -> tuple[str, str]:
    if str(idea_id) == str(into_id):
        raise ValidationError("cannot be the idea being merged", field="intoId")
    return str(idea_id), str(into_id)


def validate_flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError("must be true or false", field=field)
    return value


def validate_comment(body: object) -> str:
    errors = FieldErrors()
    text = body.strip() if isinstance(body, str) else ""
    errors.check(1 <= len(text) <= COMMENT_MAX, "body",
                 f"must be 1 to {COMMENT_MAX} characters (got {len(text)})")
    errors.raise_if_any()
    return text


def _score(value: object, name: str, errors: FieldErrors) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    errors.check(ok, name, "must be a whole number from 1 to 5")
    return value if ok else 0


def validate_assessment(impact: object, effort: object) -> tuple[int, int]:
    errors = FieldErrors()
    clean = _score(impact, "impact", errors), _score(effort, "effort", errors)
    errors.raise_if_any()
    return clean


def _date(fields: dict, key: str, name: str, errors: FieldErrors) -> date | None:
    try:
        day = date.fromisoformat(str(fields.get(key) or ""))
    except ValueError:
        errors.add(name, "must be a date (YYYY-MM-DD)")
        return None
    errors.check(clock.plausible(day), name, clock.PLAUSIBLE)
    return day


def validate_campaign(fields: dict) -> CampaignFields:
    errors = FieldErrors()
    title = _title(fields, errors)
    description = _text(fields, "description", errors)
    starts = _date(fields, "starts_on", "startsOn", errors)
    ends = _date(fields, "ends_on", "endsOn", errors)
    if starts and ends:
        errors.check(ends >= starts, "endsOn", "must be on or after startsOn")
    errors.raise_if_any()
    return CampaignFields(title, description, starts, ends)


def validate_listing(filter: dict | None, order_by: str | None) -> tuple[IdeaFilter, str]:
    """The listing's filter with empty values dropped, the tag normalised, and its order."""
    errors = FieldErrors()
    raw = {k: v for k, v in (filter or {}).items() if v not in (None, "")}
    clean = {k: raw[k] for k in ("campaign_id", "author_id") if k in raw}
    if "status" in raw:
        errors.check(raw["status"] in set(IdeaStatus), "status", "is not an idea status")
        clean["status"] = raw["status"]
    if "tag" in raw:
        clean["tag"] = normalise_tag(str(raw["tag"]))
    if "search" in raw:
        clean["search"] = " ".join(str(raw["search"]).split())[:SEARCH_MAX].casefold()
    order = order_by or "NEWEST"
    errors.check(order in ORDERS, "orderBy", f"must be one of {', '.join(ORDERS)}")
    errors.raise_if_any()
    return IdeaFilter(**clean), order


@dataclass(frozen=True)
class IndexPage:
    """A page of the bulk read for insights: how many, after which (created_at, id)."""

    first: int
    after: tuple[datetime, str] | None


def validate_index_page(first: object, after: object) -> IndexPage:
    errors = FieldErrors()
    size = INDEX_PAGE if first is None else first
    errors.check(isinstance(size, int) and not isinstance(size, bool)
                 and 1 <= size <= INDEX_PAGE_MAX, "first",
                 f"must be between 1 and {INDEX_PAGE_MAX}")
    key = None
    try:
        key = _index_key(after)
    except ValidationError:
        errors.add("after", NOT_A_CURSOR)
    errors.raise_if_any()
    return IndexPage(size, key)


def _index_key(cursor: object) -> tuple[datetime, str] | None:
    key = decode_key(cursor, 2)
    if key is None:
        return None
    try:
        at = datetime.fromisoformat(key[0])
    except ValueError:
        raise ValidationError(NOT_A_CURSOR, field="after") from None
    if at.tzinfo is None or not 1 <= len(key[1]) <= 36:
        raise ValidationError(NOT_A_CURSOR, field="after")
    return at, key[1]
