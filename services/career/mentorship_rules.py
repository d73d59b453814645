"""Rules of a mentorship, free of frameworks: who reads what (the pair, the coordinator,
nobody else), milestones that follow activity, when a pair is stuck, which action items a
session carries, and closing with each side's rating."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from services.career.matching import MatchStatus
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError

STUCK_AFTER = timedelta(days=21)
REMIND_AHEAD = timedelta(hours=24)  # both are reminded once a session is this near


class Access(StrEnum):
    PAIR = "PAIR"  # mentor or mentee: everything but the other's private notes
    COORDINATOR = "COORDINATOR"  # the programme's coordinators and admins: goal titles and
    # progress, milestones, session dates; never tasks, notes, agenda or ratings
    NONE = "NONE"


class Visibility(StrEnum):
    PRIVATE = "PRIVATE"
    SHARED = "SHARED"


class Milestone(StrEnum):
    MATCHED = "MATCHED"
    FIRST_SESSION = "FIRST_SESSION"
    FIRST_GOAL = "FIRST_GOAL"
    HALFWAY = "HALFWAY"
    COMPLETED = "COMPLETED"


class Pair(Protocol):
    """What decides access (a Mentorship row is one)."""

    mentor_id: str
    mentee_id: str
    status: str


@dataclass(frozen=True)
class Activity:
    """What milestones and the stuck rule read of a mentorship."""

    matched_at: datetime | None
    last_activity_at: datetime
    closed_at: datetime | None
    session_times: tuple[datetime, ...]
    first_goal_at: datetime | None
    halfway_on: date | None  # the programme's midpoint; None outside a programme


def access(pair: Pair, user_id: str, coordinator: bool) -> Access:
    if user_id in (pair.mentor_id, pair.mentee_id):
        return Access.PAIR
    return Access.COORDINATOR if coordinator else Access.NONE


def require(pair: Pair, user_id: str, coordinator: bool, *, pair_only: bool = False) -> Access:
    """The reader's access; NotFound for anyone with none (a mentorship's existence is
    private too), PermissionDenied for a coordinator where only the pair may."""
    level = access(pair, user_id, coordinator)
    if level == Access.NONE:
        raise NotFound("no such mentorship")
    if pair_only and level != Access.PAIR:
        raise PermissionDenied("only the mentor and the mentee may do this")
    return level


def require_active(pair: Pair) -> None:
    if pair.status != MatchStatus.ACTIVE:
        raise Conflict(f"the mentorship is {pair.status}, not ACTIVE")


def reads_note(author_id: str, visibility: str, user_id: str, level: Access) -> bool:
    return level == Access.PAIR and (visibility == Visibility.SHARED or author_id == user_id)


def halfway_on(starts_on: date, ends_on: date) -> date:
    return starts_on + (ends_on - starts_on) / 2


def held(session_times: tuple[datetime, ...], now: datetime) -> list[datetime]:
    return sorted(t for t in session_times if t <= now)


def last_active(a: Activity, now: datetime) -> datetime:
    """The latest change, or the latest session held."""
    return max([a.last_activity_at, *held(a.session_times, now)])


def is_stuck(status: str, a: Activity, now: datetime) -> bool:
    return status == MatchStatus.ACTIVE and now - last_active(a, now) >= STUCK_AFTER


def milestones(a: Activity, now: datetime) -> list[dict]:
    """Each milestone with when it was reached (None: not yet)."""
    sessions = held(a.session_times, now)
    halfway = None
    if a.halfway_on is not None and a.matched_at is not None and now.date() >= a.halfway_on:
        halfway = datetime.combine(a.halfway_on, datetime.min.time(), now.tzinfo)
    reached = {Milestone.MATCHED: a.matched_at,
               Milestone.FIRST_SESSION: sessions[0] if sessions else None,
               Milestone.FIRST_GOAL: a.first_goal_at,
               Milestone.HALFWAY: halfway,
               Milestone.COMPLETED: a.closed_at}
    return [{"name": str(m), "reached_at": reached[m]} for m in Milestone]


def carried_into(session_at: datetime, origin_at: datetime, completed_at: datetime | None
                 ) -> bool:
    """An action item from an earlier session shows in this one while it was still open
    when this one began."""
    return origin_at < session_at and (completed_at is None or completed_at >= session_at)


def check_owner(owner_id: str, pair: Pair) -> None:
    if owner_id not in (pair.mentor_id, pair.mentee_id):
        raise PermissionDenied("an action item belongs to the mentor or the mentee")


def side(pair: Pair, user_id: str) -> str:
    return "mentor" if user_id == pair.mentor_id else "mentee"


def check_close(status: str, rating_given: bool) -> None:
    """The first side to close ends the mentorship; the other still adds its rating."""
    if status not in (MatchStatus.ACTIVE, MatchStatus.CLOSED):
        raise Conflict(f"the mentorship is {status}: only an ACTIVE one closes")
    if rating_given:
        raise Conflict("you already closed this mentorship with your rating")


def mentoring_evidence(mentees: int, areas: list[str]) -> str:
    """What completed mentorships say on the mentor's profile."""
    people = "1 person" if mentees == 1 else f"{mentees} people"
    return f"Mentored {people} in {', '.join(areas)}" if areas else f"Mentored {people}"


def check_session_time(matched_at: datetime | None, session_at: datetime) -> None:
    """A session is held once the pair is matched (an earlier one would make the days to the
    first session negative)."""
    if matched_at is not None and session_at < matched_at:
        raise ValidationError("must not be before the match "
                              f"({matched_at.isoformat(timespec='minutes')})", "at")


def check_agenda(session_at: datetime, now: datetime) -> None:
    if session_at <= now:
        raise Conflict("the session has begun: its agenda is closed")


def check_complete(done: bool) -> None:
    if done:
        raise Conflict("the action item is already done")
