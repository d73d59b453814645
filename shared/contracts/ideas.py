"""Events published by the ideas service."""
from __future__ import annotations

from shared.contracts.base import Contract


class IdeaSubmitted(Contract):
    event_type = "idea_submitted"

    idea_id: str
    title: str
    problem: str
    proposal: str
    tags: list[str]
    author_id: str
    campaign_id: str | None = None
    created_at: str
    benefit: str = ""
    area: str | None = None
    source_reflection_id: str | None = None  # set when a reflection was turned into it
    source_ref: str | None = None  # another source, e.g. growth:check-in:<id>:<problem index>


class IdeaUpdated(Contract):
    event_type = "idea_updated"

    idea_id: str
    title: str
    problem: str
    proposal: str
    tags: list[str]
    author_id: str
    benefit: str = ""
    area: str | None = None


class IdeaStatusChanged(Contract):
    event_type = "idea_status_changed"

    idea_id: str
    title: str
    author_id: str
    from_status: str
    to_status: str
    reason: str | None = None
    changed_by: str
    changed_at: str


class IdeaMerged(Contract):
    event_type = "idea_merged"

    idea_id: str  # the duplicate
    into_id: str  # the canonical idea
    merged_by: str


class IdeaVoted(Contract):
    event_type = "idea_voted"

    idea_id: str
    voter_id: str
    voted: bool  # False when the vote was withdrawn
    vote_count: int


class IdeaCommented(Contract):
    """A comment on an idea; comments are read by whoever may read the idea."""

    event_type = "idea_commented"

    idea_id: str
    title: str
    author_id: str  # the idea's author
    comment_id: str
    commenter_id: str
    excerpt: str  # the comment's first words
