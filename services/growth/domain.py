"""The rules of continuous growth over typed values: periods and weeks, progress toward
key results, who reads and changes goals, check-ins, moods, one-on-ones, notes and kudos,
what carries forward, and when a meeting is next.

Who manages whom is a *chain*: the ids of a person's manager, their manager's manager and
so on up (the people directory knows it). Whoever may not read a thing gets the NotFound
an unknown id gets, so an id reveals nothing."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError


class GoalVisibility(StrEnum):
    PRIVATE = "PRIVATE"  # the owner and their manager chain
    TEAM = "TEAM"
    ORGANISATION = "ORGANISATION"


class NoteVisibility(StrEnum):
    PRIVATE = "PRIVATE"
    SHARED = "SHARED"


class KudosVisibility(StrEnum):
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"


class Cadence(StrEnum):
    WEEKLY = "WEEKLY"
    BIWEEKLY = "BIWEEKLY"
    MONTHLY = "MONTHLY"  # every four weeks, so a meeting keeps its weekday


CADENCE_DAYS = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: 28}
LINK_KINDS = ("IDEA", "EXPERIMENT", "GOAL")
REMINDER_LEAD = timedelta(hours=24)  # a one-on-one's reminder goes out a day before
MEETING_LENGTH = timedelta(hours=1)  # a meeting stays "next" until an hour after it starts
CHECK_IN_REMINDER_WEEKDAY = 3  # Thursday: people who have not checked in this week are told
IDEA_TITLE_MAX = 140
PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


class Viewer(Protocol):
    user_id: str
    team: str | None

    def has(self, role: str) -> bool: ...


class Owned(Protocol):
    owner_id: str | None
    team: str | None
    visibility: str


# --- periods and weeks ------------------------------------------------------------------

def period_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_start(period: str) -> date:
    year, quarter = PERIOD.match(period).groups()
    return date(int(year), 3 * int(quarter) - 2, 1)


def week_of(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


# --- progress -------------------------------------------------------------------------

def key_result_progress(start: float, target: float, current: float) -> float:
    """The share of the way from start to target, 0..1 (either direction)."""
    if target == start:
        return 1.0 if current == target else 0.0
    return min(1.0, max(0.0, (current - start) / (target - start)))


def goal_progress(progresses: list[float]) -> float | None:
    """The mean of its key results' progress; None without key results."""
    return sum(progresses) / len(progresses) if progresses else None


# --- goals ------------------------------------------------------------------------------

def manages(viewer: Viewer, chain: list[str]) -> bool:
    return viewer.user_id in chain


def may_read_goal(viewer: Viewer, goal: Owned, chain: list[str]) -> bool:
    """`chain`: the owner's managers (a team goal has none)."""
    if goal.visibility == GoalVisibility.ORGANISATION:
        return True
    if viewer.user_id == goal.owner_id or manages(viewer, chain):
        return True
    if goal.visibility == GoalVisibility.TEAM:
        return viewer.team is not None and viewer.team == goal.team or viewer.has("admin")
    return False


def check_may_change_goal(viewer: Viewer, goal: Owned, chain: list[str]) -> None:
    """A person's goal: its owner or their managers; a team's: a manager of the team."""
    if goal.owner_id is not None:
        if viewer.user_id != goal.owner_id and not manages(viewer, chain):
            raise PermissionDenied("only the owner of the goal or their manager can change it")
    elif not (viewer.has("manager") and (viewer.team == goal.team or viewer.has("admin"))):
        raise PermissionDenied("only a manager of the team can change a team goal")


def check_may_update_key_result(viewer: Viewer, goal: Owned, chain: list[str]) -> None:
    """Anyone in a team may move its team goal's key results."""
    if goal.owner_id is None and viewer.team is not None and viewer.team == goal.team:
        return
    check_may_change_goal(viewer, goal, chain)


def check_parent(goal_id: str | None, parent: Owned | None, parent_chain: list[str]) -> None:
    """A goal aligns under a team goal; never under itself."""
    if parent is None:
        return
    if parent.owner_id is not None:
        raise Conflict("a goal can only align under a team goal, not a person's goal")
    if goal_id is not None and getattr(parent, "id", None) == goal_id:
        raise Conflict("a goal cannot align under itself")


# --- check-ins ----------------------------------------------------------------------------

def may_read_check_in(viewer: Viewer, person_id: str, team: str | None,
                      chain: list[str]) -> bool:
    """The person, their managers, their team, a manager or an admin (never the mood)."""
    if viewer.user_id == person_id or manages(viewer, chain):
        return True
    return (team is not None and viewer.team == team) or viewer.has("manager")


def may_see_mood(viewer: Viewer, person_id: str, chain: list[str]) -> bool:
    """The person and their manager chain alone: no role, not even admin."""
    return viewer.user_id == person_id or manages(viewer, chain)


def check_may_react(viewer: Viewer, chain: list[str]) -> None:
    if not manages(viewer, chain):
        raise PermissionDenied("only a manager of the person can react to a check-in")


def check_week(week: date, today: date) -> None:
    if week > week_of(today):
        raise Conflict("a check-in is for this week or an earlier one, not a future week")


@dataclass(frozen=True)
class Plan:
    text: str
    done: bool


def carried_plans(previous: list[Plan], done_now: list[str], planned: list[str]) -> list[str]:
    """Last check-in's plans not done carry forward, unless done now or planned again."""
    closed = {key(t) for t in done_now} | {key(t) for t in planned}
    return [p.text for p in previous if not p.done and key(p.text) not in closed]


def key(text: str) -> str:
    return " ".join(text.casefold().split())


def idea_title(problem: str) -> str:
    """A problem's words up to an idea title's 140 characters, cut at a word."""
    if len(problem) <= IDEA_TITLE_MAX:
        return problem
    cut = problem[:IDEA_TITLE_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"


def source_ref(check_in_id: str, index: int) -> str:
    """What the idea records as its source: this problem of this check-in."""
    return f"growth:check-in:{check_in_id}:{index}"


def check_problem_index(problems: list, index: int) -> None:
    if not 0 <= index < len(problems):
        raise NotFound(f"the check-in has no problem {index}")


def check_own_check_in(viewer: Viewer, person_id: str) -> None:
    if viewer.user_id != person_id:
        raise PermissionDenied("only the person who checked in can turn a problem into an idea")


def check_no_idea_yet(idea_id: str | None) -> None:
    if idea_id is not None:
        raise Conflict("this problem is already an idea")


# --- one-on-ones ----------------------------------------------------------------------------

def check_may_schedule(viewer: Viewer, report_manager_id: str | None) -> None:
    if report_manager_id != viewer.user_id and not viewer.has("admin"):
        raise PermissionDenied("only the person's manager schedules their one-on-ones")


def is_participant(viewer: Viewer, manager_id: str, report_id: str) -> bool:
    return viewer.user_id in (manager_id, report_id)


def next_occurrence(starts_at: datetime, every_days: int, at: datetime) -> datetime:
    """The first meeting of the series that has not yet ended at `at`."""
    if at - MEETING_LENGTH <= starts_at:
        return starts_at
    step = timedelta(days=every_days)
    passed = (at - MEETING_LENGTH - starts_at) // step + 1
    return starts_at + passed * step


def reminder_due(scheduled_at: datetime, reminded: bool, at: datetime) -> bool:
    return not reminded and scheduled_at - REMINDER_LEAD <= at < scheduled_at


def may_read_note(viewer: Viewer, author_id: str, visibility: str) -> bool:
    return viewer.user_id == author_id or visibility == NoteVisibility.SHARED


def check_action_owner(owner_id: str, manager_id: str, report_id: str) -> None:
    if owner_id not in (manager_id, report_id):
        raise ValidationError("must be one of the two people who meet", field="ownerId")


def check_in_reminder_due(today: date) -> bool:
    return today.weekday() >= CHECK_IN_REMINDER_WEEKDAY


# --- kudos ------------------------------------------------------------------------------

def may_read_kudos(viewer: Viewer, from_id: str, to_person_id: str | None, team: str | None,
                   to_team: bool, visibility: str) -> bool:
    """PUBLIC: everyone signed in; PRIVATE: the giver and the recipient (a team's members)."""
    if visibility == KudosVisibility.PUBLIC or viewer.user_id in (from_id, to_person_id):
        return True
    return to_team and viewer.team is not None and viewer.team == team


def check_not_to_oneself(giver_id: str, to_person_id: str | None) -> None:
    if giver_id == to_person_id:
        raise Conflict("kudos go to someone else")


def completion(checked_in: int, members: int) -> float:
    """The share of a team that checked in (0 for a team of nobody)."""
    return checked_in / members if members else 0.0


def check_team_view(viewer: Viewer) -> None:
    if not viewer.has("manager"):
        raise PermissionDenied("the team view is for managers")
