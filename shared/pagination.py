"""Opaque cursors for connections: a cursor is the position after which to continue (an
offset, or for a bulk read the sort key of the last row: `encode_key`)."""
from __future__ import annotations

import base64
import json

from shared.errors import ValidationError

MAX_PAGE = 100
MAX_OFFSET = 10_000_000  # far beyond any listing; a bigger one overflows SQL's OFFSET
MAX_CURSOR = 32  # characters: a cursor this API returned is about a dozen
MAX_KEY_CURSOR = 200  # a key cursor holds a timestamp and an id: about 110
NOT_A_CURSOR = "is not a cursor this API returned"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not isinstance(cursor, str) or len(cursor) > MAX_CURSOR:
        raise ValidationError(NOT_A_CURSOR, field="after")
    try:
        kind, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":", 1)
        offset = int(value)
    except (ValueError, UnicodeError):
        raise ValidationError(NOT_A_CURSOR, field="after") from None
    if kind != "o" or not 0 <= offset <= MAX_OFFSET:
        raise ValidationError(NOT_A_CURSOR, field="after")
    return offset


def page_window(first: int | None, after: str | None) -> tuple[int, int]:
    first = 20 if first is None else first
    if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= MAX_PAGE:
        raise ValidationError(f"must be between 1 and {MAX_PAGE}", field="first")
    return decode_cursor(after), first


def page(items: list, offset: int, first: int, total: int) -> dict:
    """`items` holds up to first+1 rows fetched from `offset`."""
    visible = items[:first]
    end = offset + len(visible)
    return {
        "items": visible,
        "total": total,
        "end_cursor": encode_cursor(end) if visible else None,
        "has_next": len(items) > first,
    }


def encode_key(*key: str) -> str:
    """A cursor holding the sort key of the last row returned (keyset paging)."""
    return base64.urlsafe_b64encode(f"k:{json.dumps(list(key))}".encode()).decode()


def decode_key(cursor: object, size: int) -> tuple[str, ...] | None:
    """The `size` strings `encode_key` put in `cursor` (None for none); a ValidationError
    on `after` for anything else."""
    if cursor is None or cursor == "":
        return None
    if not isinstance(cursor, str) or len(cursor) > MAX_KEY_CURSOR:
        raise ValidationError(NOT_A_CURSOR, field="after")
    try:
        kind, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":", 1)
        key = json.loads(value)
    except (ValueError, UnicodeError):
        raise ValidationError(NOT_A_CURSOR, field="after") from None
    if kind != "k" or not isinstance(key, list) or len(key) != size or not all(
            isinstance(part, str) for part in key):
        raise ValidationError(NOT_A_CURSOR, field="after")
    return tuple(key)
