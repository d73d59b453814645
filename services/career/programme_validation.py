"""Raw input of mentoring programmes and mentorships to clean values; every bad field is
named at once in its GraphQL spelling (`endsOn`, `tasks[0].text`), and nothing is stored."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypedDict

from services.career.matching import Role
from services.career.mentorship_rules import Visibility
from services.career.validation import DESCRIPTION_MAX, SKILL_NAME_MAX, _date, _int, _names, _text
from shared import clock
from shared.errors import FieldErrors

NAME_MIN, NAME_MAX = 3, 140
AREAS_MAX, MENTEES_MAX, GOAL_MAX = 20, 20, 300
GOAL_TITLE_MIN, GOAL_TITLE_MAX, TASKS_MAX, TASK_MAX, NOTES_MAX = 3, 200, 30, 300, 5000
ITEM_MAX, NOTE_BODY_MAX, REFLECTION_MAX = 500, 5000, 1000
DURATION_MIN, DURATION_MAX = 15, 480


class ProgrammeFields(TypedDict):
    name: str
    description: str
    starts_on: date
    ends_on: date
    coordinator_ids: list[str]
    audience: list[str]


class EnrolmentFields(TypedDict):
    role: str
    skills: list[str]
    capacity: int
    goal: str


def validate_programme(fields: dict) -> ProgrammeFields:
    errors = FieldErrors()
    name = _text(fields.get("name"), "name", NAME_MAX, errors, single_line=True)
    errors.check(len(name) >= NAME_MIN, "name", f"must be {NAME_MIN} to {NAME_MAX} characters")
    starts = _date(fields.get("starts_on"), "startsOn", errors)
    ends = _date(fields.get("ends_on"), "endsOn", errors)
    errors.check(starts is not None, "startsOn", "is required")
    errors.check(ends is not None, "endsOn", "is required")
    if starts and ends:
        errors.check(ends > starts, "endsOn", "must be after startsOn")
    clean = ProgrammeFields(
        name=name, description=_text(fields.get("description"), "description",
                                     DESCRIPTION_MAX, errors),
        starts_on=starts, ends_on=ends,
        coordinator_ids=_names(fields.get("coordinator_ids") or [], "coordinatorIds", 20, 36,
                               errors),
        audience=_names(fields.get("audience") or [], "audience", 50, 80, errors))
    errors.raise_if_any()
    return clean


def validate_enrolment(fields: dict) -> EnrolmentFields:
    errors = FieldErrors()
    role = str(fields.get("role") or "")
    errors.check(role in Role.__members__, "role", "must be MENTOR or MENTEE")
    skills = _names(fields.get("skills") or [], "skills", AREAS_MAX, SKILL_NAME_MAX, errors)
    errors.check(bool(skills), "skills", "name at least one skill")
    capacity = _int(fields.get("capacity"), "capacity", 1, MENTEES_MAX, errors)
    errors.check(role != Role.MENTOR or capacity is not None, "capacity",
                 "a mentor says how many mentees they take")
    goal = _text(fields.get("goal"), "goal", GOAL_MAX, errors, single_line=True)
    errors.check(role != Role.MENTEE or bool(goal), "goal",
                 "a mentee says in a sentence what they want to achieve")
    errors.raise_if_any()
    return EnrolmentFields(role=role, skills=skills, goal=goal,
                           capacity=(capacity or 0) if role == Role.MENTOR else 0)


def _tasks(raw, errors: FieldErrors) -> list[dict]:
    if not isinstance(raw, list | tuple):
        errors.add("tasks", "must be a list")
        return []
    errors.check(len(raw) <= TASKS_MAX, "tasks", f"at most {TASKS_MAX} tasks")
    tasks = []
    for i, item in enumerate(raw):
        item = item if isinstance(item, dict) else {}
        text = _text(item.get("text"), f"tasks[{i}].text", TASK_MAX, errors, True)
        errors.check(bool(text), f"tasks[{i}].text", "must not be empty")
        tasks.append({"text": text, "done": bool(item.get("done"))})
    return tasks


def validate_goal(fields: dict, current: dict | None = None) -> dict:
    """A whole goal: `fields` over `current` (an update), or a new one."""
    errors = FieldErrors()
    merged = {**(current or {}), **{k: v for k, v in fields.items() if v is not None}}
    title = _text(merged.get("title"), "title", GOAL_TITLE_MAX, errors, single_line=True)
    errors.check(len(title) >= GOAL_TITLE_MIN, "title",
                 f"must be {GOAL_TITLE_MIN} to {GOAL_TITLE_MAX} characters")
    clean = {"title": title, "target_date": _date(merged.get("target_date"), "targetDate", errors),
             "tasks": _tasks(merged.get("tasks") or [], errors),
             "notes": _text(merged.get("notes"), "notes", NOTES_MAX, errors),
             "progress": _int(merged.get("progress", 0), "progress", 0, 100, errors) or 0}
    errors.raise_if_any()
    return clean


def validate_session(at, duration_minutes) -> tuple[datetime, int]:
    errors = FieldErrors()
    moment = None
    try:
        moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    except ValueError:
        errors.add("at", "must be a date and time (ISO 8601)")
    if moment is not None and not clock.plausible(moment.date()):
        errors.add("at", clock.PLAUSIBLE)
    elif moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    duration = _int(duration_minutes, "durationMinutes", DURATION_MIN, DURATION_MAX, errors)
    errors.raise_if_any()
    return moment, duration


def validate_text(value, field: str, limit: int = ITEM_MAX) -> str:
    errors = FieldErrors()
    text = _text(value, field, limit, errors)
    errors.check(bool(text), field, "must not be empty")
    errors.raise_if_any()
    return text


def validate_visibility(value) -> str:
    errors = FieldErrors()
    errors.check(value in Visibility.__members__, "visibility", "must be PRIVATE or SHARED")
    errors.raise_if_any()
    return str(value)


def validate_close(rating, reflection) -> tuple[int, str]:
    errors = FieldErrors()
    score = _int(rating, "rating", 1, 5, errors)
    errors.check(rating is not None, "rating", "is required")
    text = _text(reflection, "reflection", REFLECTION_MAX, errors)
    errors.raise_if_any()
    return score, text
