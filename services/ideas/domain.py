"""Rules of the ideas service, free of frameworks: the workflow table, who may do what,
and how an assessment becomes a priority. Input validation lives in `validation.py`.

Rules take typed values: the caller as an `Actor`, ideas and campaigns as the Protocols
below (the service's rows satisfy them; tests may pass any object with those fields)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from shared.errors import Conflict, FieldErrors, PermissionDenied, ValidationError

REASON_MAX = 2000


class IdeaStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    ACCEPTED = "ACCEPTED"
    EXPERIMENTING = "EXPERIMENTING"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"
    DUPLICATE = "DUPLICATE"


class Actor(Protocol):
    """Who calls (shared.identity.Identity): admin counts as every role."""

    user_id: str

    def has(self, role: str) -> bool: ...


class Mergeable(Protocol):
    id: str
    status: str
    duplicate_of_id: str | None


class CampaignWindow(Protocol):
    title: str
    starts_on: date
    ends_on: date
    closed_at: datetime | None


class Use(StrEnum):
    """What a caller may ask for that needs a role (the value names it in the refusal)."""

    MOVE = "moving an idea through the workflow"
    ASSESS = "assessing an idea"
    MERGE = "merging ideas"
    CREATE_CAMPAIGN = "creating a campaign"
    CLOSE_CAMPAIGN = "closing a campaign"
    CHANGE_SETTINGS = "changing the review settings"


# The role each use needs; `check_may` is the one place it is checked.
ROLE_FOR: dict[Use, str] = {
    Use.MOVE: "reviewer", Use.ASSESS: "reviewer", Use.MERGE: "reviewer",
    Use.CREATE_CAMPAIGN: "admin", Use.CLOSE_CAMPAIGN: "admin", Use.CHANGE_SETTINGS: "admin",
}


def check_may(actor: Actor, use: Use) -> None:
    role = ROLE_FOR[use]
    if not actor.has(role):
        raise PermissionDenied(f"{use} needs the {role} role")


# Separation of duties: the decisions a reviewer does not take on an idea of their own
# (unless an admin allows self-review, for a team too small to have a second reviewer).
DECIDING = frozenset({"ACCEPTED", "DECLINED"})


def check_not_own_decision(actor: Actor, author_id: str, deciding: str,
                           allow_self_review: bool) -> None:
    """`deciding` names the decision for the refusal: "accept", "decline" or "assess"."""
    if actor.user_id == author_id and not allow_self_review:
        raise PermissionDenied(f"a reviewer cannot {deciding} their own idea: another "
                               "reviewer decides (an admin can allow self-review)")


def decision_of(target: str) -> str | None:
    """The decision a move to `target` is ("accept", "decline"), or None for a step."""
    return {"ACCEPTED": "accept", "DECLINED": "decline"}.get(target)


def check_may_read_votes(actor: Actor, voter_id: str) -> None:
    """Whom someone voted for is theirs to ask (and an admin's)."""
    if voter_id != actor.user_id and not actor.has("admin"):
        raise PermissionDenied("you can ask only about your own votes")


S = IdeaStatus
OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW, S.ACCEPTED, S.EXPERIMENTING})
MAIN_PATH = (S.SUBMITTED, S.IN_REVIEW, S.ACCEPTED, S.EXPERIMENTING, S.IMPLEMENTED)


@dataclass(frozen=True)
class Move:
    reason_required: bool = False
    merge_only: bool = False  # DUPLICATE needs the canonical idea: only mergeIdea makes it


# Every allowed move; anything else is a ConflictError naming both states.
TRANSITIONS: dict[tuple[IdeaStatus, IdeaStatus], Move] = {
    (S.SUBMITTED, S.IN_REVIEW): Move(),
    (S.IN_REVIEW, S.ACCEPTED): Move(),
    (S.ACCEPTED, S.EXPERIMENTING): Move(),
    (S.EXPERIMENTING, S.IMPLEMENTED): Move(),
    (S.EXPERIMENTING, S.ACCEPTED): Move(),  # the experiment was abandoned: back to the backlog
    (S.DECLINED, S.IN_REVIEW): Move(),  # reopened
    (S.SUBMITTED, S.DECLINED): Move(reason_required=True),
    (S.IN_REVIEW, S.DECLINED): Move(reason_required=True),
    (S.ACCEPTED, S.DECLINED): Move(reason_required=True),
    (S.EXPERIMENTING, S.DECLINED): Move(reason_required=True),
    (S.SUBMITTED, S.DUPLICATE): Move(merge_only=True),
    (S.IN_REVIEW, S.DUPLICATE): Move(merge_only=True),
    (S.ACCEPTED, S.DUPLICATE): Move(merge_only=True),
    (S.EXPERIMENTING, S.DUPLICATE): Move(merge_only=True),
}


def check_transition(current: str, target: str, *, reason: str | None = None,
                     merging: bool = False) -> str | None:
    """The cleaned reason of an allowed move; raises Conflict or ValidationError (field
    `reason`) otherwise. Who may move ideas is `check_may(actor, Use.MOVE)`."""
    move = TRANSITIONS.get((IdeaStatus(current), IdeaStatus(target)))
    if move is None:
        raise Conflict(f"an idea cannot move from {current} to {target}")
    if move.merge_only and not merging:
        raise Conflict(f"an idea moves from {current} to {target} only by merging it: "
                       "use mergeIdea")
    return clean_reason(reason, required=move.reason_required)


def clean_reason(reason: str | None, *, required: bool) -> str | None:
    text = " ".join(str(reason or "").split()) or None
    errors = FieldErrors()
    errors.check(text is not None or not required, "reason", "say why the idea is declined")
    errors.check(len(text or "") <= REASON_MAX, "reason", f"at most {REASON_MAX} characters")
    errors.raise_if_any()
    return text


# The statuses an experiment's events move an idea out of: a reviewer has accepted it. An
# idea SUBMITTED or IN_REVIEW waits for a reviewer whatever an experiment reports.
EXPERIMENT_MOVABLE = frozenset({S.ACCEPTED, S.EXPERIMENTING})


def path_to(current: str, target: str) -> list[IdeaStatus]:
    """The moves that bring an accepted idea to `target` when an experiment reports
    progress: forward along the main path, or back from EXPERIMENTING to ACCEPTED. Empty
    when the idea is already there, waits for review (SUBMITTED, IN_REVIEW), is closed
    (DECLINED, DUPLICATE, IMPLEMENTED) or is already past `target`."""
    current, target = IdeaStatus(current), IdeaStatus(target)
    if current not in EXPERIMENT_MOVABLE or current == target:
        return []
    if (current, target) == (S.EXPERIMENTING, S.ACCEPTED):
        return [target]
    start, end = MAIN_PATH.index(current), MAIN_PATH.index(target)
    return list(MAIN_PATH[start + 1:end + 1])


def check_edit(*, author_id: str, editor_id: str, status: str) -> None:
    if author_id != editor_id:
        raise PermissionDenied("only the author can edit an idea")
    if status != S.SUBMITTED:
        raise Conflict(f"an idea can be edited only while {S.SUBMITTED}; this one is {status}")


def check_vote(status: str) -> None:
    if status not in OPEN:
        raise Conflict(f"votes are closed on an idea that is {status}; "
                       f"an idea takes votes while {', '.join(sorted(OPEN))}")


def check_comment_owner(*, author_id: str, editor_id: str) -> None:
    if author_id != editor_id:
        raise PermissionDenied("only its author can change or delete a comment")


def check_merge(duplicate: Mergeable, into: Mergeable) -> bool:
    """True when this merge is new; False when it was already done (idempotent)."""
    if duplicate.id == into.id:
        raise ValidationError("cannot be the idea being merged", field="intoId")
    if duplicate.status == S.DUPLICATE:
        if duplicate.duplicate_of_id == into.id:
            return False
        raise Conflict(f"this idea is already {S.DUPLICATE} of another idea")
    if into.status == S.DUPLICATE:
        raise Conflict(f"the target idea is itself {S.DUPLICATE}: merge into its canonical idea")
    check_transition(duplicate.status, S.DUPLICATE, merging=True)
    return True


def check_assessable(status: str) -> None:
    if status == S.DUPLICATE:
        raise Conflict(f"a {S.DUPLICATE} idea is assessed through its canonical idea")


def campaign_is_open(campaign: CampaignWindow, today: date) -> bool:
    return campaign.closed_at is None and campaign.starts_on <= today <= campaign.ends_on


def check_campaign_takes_ideas(campaign: CampaignWindow | None, today: date) -> None:
    """`campaign` is None when no campaign has the id given."""
    if campaign is None:
        raise ValidationError("no campaign with this id", field="campaignId")
    if campaign.closed_at is not None or campaign.ends_on < today:
        raise ValidationError(f"the campaign '{campaign.title}' is closed: it accepts no "
                              "new ideas", field="campaignId")
    if campaign.starts_on > today:
        raise ValidationError(f"the campaign '{campaign.title}' opens on "
                              f"{campaign.starts_on.isoformat()}", field="campaignId")


def check_source_author(idea_author_id: str, author_id: str,
                        field: str = "sourceReflectionId") -> None:
    """A source (a reflection, a check-in's problem) becomes an idea of its own author only
    (the first submission made it)."""
    if idea_author_id != author_id:
        raise ValidationError("was turned into an idea by someone else", field=field)


# Where an experiment's decision leaves the idea it was run on.
AFTER_DECISION = {"ADOPT": S.IMPLEMENTED, "ADAPT": S.EXPERIMENTING, "ABANDON": S.ACCEPTED}


class PriorityBand(StrEnum):
    """The impact/effort matrix, in the order a reviewer works through it."""

    QUICK_WIN = "QUICK_WIN"  # high impact, low effort: do these first
    MAJOR_PROJECT = "MAJOR_PROJECT"  # high impact, high effort
    FILL_IN = "FILL_IN"  # low impact, low effort
    THANKLESS_TASK = "THANKLESS_TASK"  # low impact, high effort


BANDS = list(PriorityBand)
HIGH_IMPACT, LOW_EFFORT = 3, 2  # impact 3..5 is high; effort 1..2 is low


def priority(impact: int, effort: int) -> int:
    """1..25, higher first: impact counts for, effort against."""
    return impact * (6 - effort)


def priority_band(impact: int | None, effort: int | None) -> PriorityBand | None:
    if impact is None or effort is None:
        return None
    high_impact, low_effort = impact >= HIGH_IMPACT, effort <= LOW_EFFORT
    if high_impact:
        return PriorityBand.QUICK_WIN if low_effort else PriorityBand.MAJOR_PROJECT
    return PriorityBand.FILL_IN if low_effort else PriorityBand.THANKLESS_TASK


def priority_rank(impact: int, effort: int) -> tuple[int, int]:
    """Sort key of ideas(orderBy: PRIORITY): quick wins first, then by score."""
    return BANDS.index(priority_band(impact, effort)), -priority(impact, effort)


EXCERPT_MAX = 140


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """The first words of a comment, cut at a word, for the notices it causes."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"
