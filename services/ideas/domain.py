"""Rules of the ideas service, free of frameworks."""
from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from shared.errors import FieldErrors

TITLE_MIN, TITLE_MAX = 3, 140
TEXT_MAX = 5000
TAGS_MAX, TAG_MAX_LEN = 10, 30


class IdeaStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    ACCEPTED = "ACCEPTED"
    EXPERIMENTING = "EXPERIMENTING"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"
    DUPLICATE = "DUPLICATE"


def normalise_tag(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_]+", "-", text).strip("-")


def normalise_tags(raw: list[str] | None, errors: FieldErrors) -> list[str]:
    tags: list[str] = []
    for item in raw or []:
        tag = normalise_tag(str(item))
        if tag and tag not in tags:
            tags.append(tag)
    errors.check(len(tags) <= TAGS_MAX, "tags", f"at most {TAGS_MAX} tags")
    too_long = [t for t in tags if len(t) > TAG_MAX_LEN]
    errors.check(not too_long, "tags", f"each tag at most {TAG_MAX_LEN} characters")
    return tags


def _text(fields: dict, name: str, errors: FieldErrors) -> str:
    value = fields.get(name) or ""
    if not isinstance(value, str):
        errors.add(name, "must be text")
        return ""
    value = value.strip()
    errors.check(len(value) <= TEXT_MAX, name, f"at most {TEXT_MAX} characters")
    return value


def validate_submission(fields: dict) -> dict:
    """Clean fields of a new idea, or ValidationError naming every bad field."""
    errors = FieldErrors()
    title = " ".join(str(fields.get("title") or "").split())
    errors.check(
        TITLE_MIN <= len(title) <= TITLE_MAX,
        "title",
        f"must be {TITLE_MIN} to {TITLE_MAX} characters (got {len(title)})",
    )
    clean = {
        "title": title,
        "problem": _text(fields, "problem", errors),
        "proposal": _text(fields, "proposal", errors),
        "benefit": _text(fields, "benefit", errors),
        "tags": normalise_tags(fields.get("tags"), errors),
    }
    errors.raise_if_any()
    return clean
