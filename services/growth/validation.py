"""Input of the growth service: raw RPC dicts to typed values, or one ValidationError
naming every bad field (GraphQL spelling: `keyResults`, `weekOf`, `toPersonId`) with
nothing stored."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from services.growth.domain import (
    CADENCE_DAYS,
    LINK_KINDS,
    PERIOD,
    Cadence,
    GoalVisibility,
    KudosVisibility,
    NoteVisibility,
)
from shared import clock
from shared.errors import FieldErrors, ValidationError

TITLE_MIN, TITLE_MAX = 3, 140
DESCRIPTION_MAX = 2000
KEY_RESULTS_MAX = 10
UNIT_MAX = 20
ITEMS_MAX, ITEM_MIN, ITEM_MAX = 10, 3, 500
NOTE_MAX = 10000
COMMENT_MAX = 2000
EMOJI_MAX = 16
KUDOS_MIN, KUDOS_MAX = 20, 2000
SKILL_MAX = 120


@dataclass(frozen=True)
class KeyResultFields:
    title: str
    start: float
    target: float
    current: float
    unit: str
    experiment_id: str | None


@dataclass(frozen=True)
class GoalFields:
    title: str
    description: str
    owner_id: str | None
    team: str | None
    period: str
    visibility: str
    parent_id: str | None
    key_results: list[KeyResultFields]


@dataclass(frozen=True)
class GoalChanges:
    """Only what was given (not None) changes."""

    title: str | None = None
    description: str | None = None
    visibility: str | None = None
    parent_id: str | None = None
    period: str | None = None
    add_key_results: list[KeyResultFields] = field(default_factory=list)


@dataclass(frozen=True)
class KeyResultReport:
    key_result_id: str
    current: float
    note: str


@dataclass(frozen=True)
class CheckInFields:
    week_of: date
    plans: list[str]
    progress: list[str]
    problems: list[str]
    done_plans: list[str]
    mood: int | None
    key_results: list[KeyResultReport]


@dataclass(frozen=True)
class ReactionFields:
    emoji: str | None
    comment: str
    add_to_one_on_one: bool


@dataclass(frozen=True)
class KudosFields:
    to_person_id: str | None
    to_team: str | None
    message: str
    link_kind: str | None
    link_id: str | None
    visibility: str
    skill: str | None


def _text(raw, name: str, errors: FieldErrors, low: int, high: int) -> str:
    text = " ".join(str(raw or "").split()) if name != "body" else str(raw or "").strip()
    if not low <= len(text) <= high:
        errors.add(name, f"must be {low} to {high} characters")
    return text


def _optional_id(raw, name: str, errors: FieldErrors) -> str | None:
    if raw in (None, ""):
        return None
    errors.check(isinstance(raw, str) and len(raw) <= 80, name, "must be an id")
    return str(raw)


def _number(raw, name: str, errors: FieldErrors) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        errors.add(name, "must be a number")
        return 0.0
    return float(raw)


def _choice(raw, name: str, errors: FieldErrors, choices, default: str) -> str:
    value = default if raw is None else str(raw)
    errors.check(value in {str(c) for c in choices}, name,
                 "must be one of " + ", ".join(str(c) for c in choices))
    return value


def _items(raw, name: str, errors: FieldErrors) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > ITEMS_MAX:
        errors.add(name, f"must be a list of at most {ITEMS_MAX} items")
        return []
    items = [" ".join(str(t).split()) for t in raw]
    bad = [t for t in items if not ITEM_MIN <= len(t) <= ITEM_MAX]
    errors.check(not bad, name, f"each item must be {ITEM_MIN} to {ITEM_MAX} characters")
    return items


def _key_results(raw, errors: FieldErrors) -> list[KeyResultFields]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > KEY_RESULTS_MAX:
        errors.add("keyResults", f"must be a list of at most {KEY_RESULTS_MAX}")
        return []
    found = []
    for n, kr in enumerate(raw):
        kr = kr if isinstance(kr, dict) else {}
        at = f"keyResults[{n}]"
        start = _number(kr.get("start"), f"{at}.start", errors)
        target = _number(kr.get("target"), f"{at}.target", errors)
        current = start if kr.get("current") is None else _number(
            kr.get("current"), f"{at}.current", errors)
        found.append(KeyResultFields(
            title=_text(kr.get("title"), f"{at}.title", errors, TITLE_MIN, TITLE_MAX),
            start=start, target=target, current=current,
            unit=_text(kr.get("unit"), f"{at}.unit", errors, 0, UNIT_MAX),
            experiment_id=_optional_id(kr.get("experiment_id"), f"{at}.experimentId", errors)))
    return found


def period(raw, errors: FieldErrors, default: str) -> str:
    value = default if raw in (None, "") else str(raw).strip().upper()
    errors.check(bool(PERIOD.match(value)), "period", "must be a quarter like 2026-Q4")
    return value


def validate_goal(fields: dict, default_period: str) -> GoalFields:
    errors = FieldErrors()
    owner_id = _optional_id(fields.get("owner_id"), "ownerId", errors)
    team = _optional_id(fields.get("team"), "teamId", errors)
    errors.check(not (owner_id and team), "teamId", "a goal is a person's or a team's, not both")
    visibility = _choice(fields.get("visibility"), "visibility", errors, GoalVisibility,
                         GoalVisibility.TEAM)
    errors.check(not (team and visibility == GoalVisibility.PRIVATE), "visibility",
                 "a team goal is read by its team at least: TEAM or ORGANISATION")
    goal = GoalFields(
        title=_text(fields.get("title"), "title", errors, TITLE_MIN, TITLE_MAX),
        description=_text(fields.get("description"), "description", errors, 0, DESCRIPTION_MAX),
        owner_id=owner_id, team=team, visibility=visibility,
        period=period(fields.get("period"), errors, default_period),
        parent_id=_optional_id(fields.get("parent_id"), "parentId", errors),
        key_results=_key_results(fields.get("key_results"), errors))
    errors.raise_if_any()
    return goal


def validate_goal_changes(changes: dict, is_team_goal: bool) -> GoalChanges:
    errors = FieldErrors()
    given = {k: v for k, v in changes.items() if v is not None}
    visibility = given.get("visibility")
    if visibility is not None:
        _choice(visibility, "visibility", errors, GoalVisibility, "")
        errors.check(not (is_team_goal and visibility == GoalVisibility.PRIVATE), "visibility",
                     "a team goal is read by its team at least: TEAM or ORGANISATION")
    result = GoalChanges(
        title=_text(given["title"], "title", errors, TITLE_MIN, TITLE_MAX)
        if "title" in given else None,
        description=_text(given["description"], "description", errors, 0, DESCRIPTION_MAX)
        if "description" in given else None,
        visibility=visibility,
        parent_id=_optional_id(given.get("parent_id"), "parentId", errors),
        period=period(given["period"], errors, "") if "period" in given else None,
        add_key_results=_key_results(given.get("add_key_results"), errors))
    errors.raise_if_any()
    return result


def validate_key_result_report(key_result_id: str, current, note) -> KeyResultReport:
    errors = FieldErrors()
    report = KeyResultReport(str(key_result_id), _number(current, "current", errors),
                             _text(note, "note", errors, 0, COMMENT_MAX))
    errors.raise_if_any()
    return report


def _week(raw, errors: FieldErrors, today: date) -> date:
    if raw in (None, ""):
        return today
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    except ValueError:
        errors.add("weekOf", "must be a date like 2026-12-07")
        return today
    errors.check(clock.plausible(day), "weekOf", clock.PLAUSIBLE)
    return day


def validate_check_in(fields: dict, today: date) -> CheckInFields:
    errors = FieldErrors()
    mood = fields.get("mood")
    errors.check(mood is None or (isinstance(mood, int) and not isinstance(mood, bool)
                                  and 1 <= mood <= 5), "mood", "must be 1 to 5")
    reports = []
    for n, kr in enumerate(fields.get("key_results") or []):
        kr = kr if isinstance(kr, dict) else {}
        at = f"keyResults[{n}]"
        reports.append(KeyResultReport(
            str(kr.get("id") or ""), _number(kr.get("current"), f"{at}.current", errors),
            _text(kr.get("note"), f"{at}.note", errors, 0, COMMENT_MAX)))
    check_in = CheckInFields(
        week_of=_week(fields.get("week_of"), errors, today),
        plans=_items(fields.get("plans"), "plans", errors),
        progress=_items(fields.get("progress"), "progress", errors),
        problems=_items(fields.get("problems"), "problems", errors),
        done_plans=_items(fields.get("done_plans"), "donePlans", errors),
        mood=mood, key_results=reports)
    errors.raise_if_any()
    return check_in


def validate_reaction(emoji, comment, add_to_one_on_one) -> ReactionFields:
    errors = FieldErrors()
    emoji = None if emoji in (None, "") else str(emoji).strip()
    errors.check(emoji is None or 1 <= len(emoji) <= EMOJI_MAX, "emoji",
                 f"must be at most {EMOJI_MAX} characters")
    text = _text(comment, "comment", errors, 0, COMMENT_MAX)
    errors.check(bool(emoji or text), "comment", "react with an emoji, a comment or both")
    errors.raise_if_any()
    return ReactionFields(emoji, text, bool(add_to_one_on_one))


def validate_schedule(every, starts_at) -> tuple[int, datetime]:
    errors = FieldErrors()
    cadence = _choice(every, "every", errors, Cadence, "")
    moment = None
    try:
        moment = datetime.fromisoformat(str(starts_at))
    except ValueError:
        errors.add("startsAt", "must be a date and time like 2026-12-07T10:00:00Z")
    errors.check(moment is None or moment.tzinfo is not None, "startsAt",
                 "must say its time zone (Z for UTC)")
    errors.check(moment is None or clock.plausible(moment.date()), "startsAt", clock.PLAUSIBLE)
    errors.raise_if_any()
    return CADENCE_DAYS[Cadence(cadence)], moment.astimezone(UTC)


def validate_point(text) -> str:
    errors = FieldErrors()
    clean = _text(text, "text", errors, ITEM_MIN, ITEM_MAX)
    errors.raise_if_any()
    return clean


def validate_note(body, visibility) -> tuple[str, str]:
    errors = FieldErrors()
    clean = _text(body, "body", errors, 1, NOTE_MAX)
    chosen = _choice(visibility, "visibility", errors, NoteVisibility, NoteVisibility.PRIVATE)
    errors.raise_if_any()
    return clean, chosen


def validate_kudos(fields: dict) -> KudosFields:
    errors = FieldErrors()
    to_person = _optional_id(fields.get("to_person_id"), "toPersonId", errors)
    to_team = _optional_id(fields.get("to_team_id"), "toTeamId", errors)
    errors.check(bool(to_person) != bool(to_team), "toPersonId",
                 "name either a person (toPersonId) or a team (toTeamId)")
    link = fields.get("link") or {}
    kind = None if not link else _choice(link.get("kind"), "link.kind", errors, LINK_KINDS, "")
    link_id = None if not link else _optional_id(link.get("id"), "link.id", errors)
    errors.check(not link or bool(link_id), "link.id", "name what the kudos is for")
    message = _text(fields.get("message"), "message", errors, KUDOS_MIN, KUDOS_MAX)
    if len(message) < KUDOS_MIN:
        errors.errors[-1]["message"] = (
            f"must be at least {KUDOS_MIN} characters, so it says what and why")
    skill = _text(fields.get("skill"), "skill", errors, 0, SKILL_MAX) or None
    kudos = KudosFields(
        to_person_id=to_person, to_team=to_team, message=message, link_kind=kind,
        link_id=link_id, skill=skill,
        visibility=_choice(fields.get("visibility"), "visibility", errors, KudosVisibility,
                           KudosVisibility.PUBLIC))
    errors.raise_if_any()
    return kudos


def invalid(field: str, message: str):
    """The error of one bad field, to raise."""
    return ValidationError(message, field=field)
