"""Rules of the insights service, free of frameworks: the kinds of document, what themes are
made of and labelled with, what a theme shows, which of two events about a document wins.

The similarity thresholds are `thresholds.py` (calibrated by `make eval`), the clustering
maths `clustering.py`, the recommendation scoring `scoring.py`: pure modules this one's
level of code imports. Rules take typed values (the Protocols below; the service's rows
satisfy them)."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Protocol

from services.insights import thresholds

IDEA, REFLECTION, EXPERIMENT, OPPORTUNITY = "IDEA", "REFLECTION", "EXPERIMENT", "OPPORTUNITY"
KINDS = (IDEA, REFLECTION, EXPERIMENT, OPPORTUNITY)
CLUSTERED = (IDEA, REFLECTION)  # what themes are made of; concluded experiments only join
# Themes are read organisation-wide: the only reflections that join, count in, shape or label
# one are those shared with the whole organisation (a reflection document's status is its
# visibility).
THEMED_VISIBILITY = "ORGANIZATION"
MIN_THEME_SIZE = 3
KEYWORDS = 5  # per theme label
MERGED = "DUPLICATE"  # the status of an idea merged into another


class Labelled(Protocol):
    """A document as a theme's label sees it (`extra`: its JSON fields)."""

    kind: str
    text: str
    extra: str


class Counted(Protocol):
    """A theme's stored summary. A theme shows while an idea or a shared reflection is in
    it (store.shown)."""

    idea_count: int
    live_idea_count: int
    reflection_count: int


def joins_themes(kind: str, status: str) -> bool:
    """Whether a document may be in a theme. A TEAM reflection may not: every theme, its
    counts and its `unaddressed` flag are shown to the whole organisation, and no view of
    themes is limited to a team, so a TEAM reflection feeds no theme at all (it still
    feeds its own author's recommendations). PRIVATE ones never reach insights."""
    return kind != REFLECTION or status == THEMED_VISIBILITY


def label_text(doc: Labelled) -> str | None:
    """The text a theme's label may use: ideas, and reflections shared with the whole
    ORGANIZATION (a TEAM reflection's words would otherwise reach everyone)."""
    if doc.kind == IDEA:
        return doc.text
    if doc.kind == REFLECTION and json.loads(doc.extra or "{}").get("visibility") == \
            "ORGANIZATION":
        return doc.text
    return None


def is_live_idea(status: str) -> bool:
    return status != "DECLINED"


def is_learning(kind: str, learnings: str | None) -> bool:
    """A concluded experiment counts as a learning of its theme when it says what it
    learned."""
    return kind == EXPERIMENT and bool((learnings or "").strip())


def is_unaddressed(theme: Counted) -> bool:
    """People reflect on it, but no live (not declined) idea addresses it."""
    return theme.reflection_count > 0 and theme.live_idea_count == 0


def is_possible_duplicate(duplicate_score: float) -> bool:
    """`duplicate_score`: duplicates.score of the cosine and the unmatched words."""
    return duplicate_score >= thresholds.DUPLICATE


def parse_time(text: str | None) -> datetime | None:
    """An ISO time from an event; one without an offset is UTC."""
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def is_newer(occurred_at: str, as_of: str | None) -> bool:
    """Whether an event that occurred at `occurred_at` happened after the last one applied
    to a document (`as_of`; None: none yet). Events about one document travel on separate
    queues, so the latest wins whatever order they arrive in."""
    return as_of is None or parse_time(occurred_at) >= parse_time(as_of)


def idea_active(status: str) -> bool:
    """A merged idea leaves every search and its theme, also when its submission arrives
    after the merge."""
    return status != MERGED
