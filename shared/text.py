"""Text as people type it, made safe to store and show: no control characters (NUL is
refused by PostgreSQL and control codes corrupt terminals and exports), and in one-line
fields (titles, names) no invisible characters that reorder or hide text (bidirectional
overrides and isolates, zero-width characters: the "Trojan Source" family).

Validation uses it; the rules of a field (length, required) stay with its service."""
from __future__ import annotations

import re
import unicodedata

# bidi embeddings, overrides, isolates and marks; zero-width space/joiners, word joiner, BOM
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
LINE_BREAKS = "\n\r\t"
CONTROL_REFUSAL = "must not contain control characters"


def has_control(text: str, *, multiline: bool = False) -> bool:
    """True when `text` holds a control character (C0, DEL, C1); tabs and line breaks
    count as one only on one line."""
    allowed = LINE_BREAKS if multiline else ""
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


def without_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    """A title or name: invisible characters removed, white space collapsed."""
    return " ".join(without_invisible(text).split())
