"""Rules of the career service, free of frameworks: what a valid person, profile and
opportunity is, who may apply and decide, the skill gap and the ranking of mentors."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from shared.errors import Conflict, FieldErrors, PermissionDenied
from shared.identity import ROLES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LEVEL_MIN, LEVEL_MAX = 1, 5
SKILL_NAME_MAX = 120
HEADLINE_MAX, ASPIRATIONS_MAX, NOTE_MAX = 140, 2000, 2000
PROFILE_SKILLS_MAX, INTERESTS_MAX, INTEREST_MAX_LEN = 60, 20, 60
HOURS_MAX = 60
TITLE_MIN, TITLE_MAX, DESCRIPTION_MAX = 3, 140, 5000
OPPORTUNITY_SKILLS_MAX, CAPACITY_MAX = 30, 100
VOICE_MIN, VOICE_MAX = 10, 1000


class Kind(StrEnum):
    ROLE = "ROLE"
    PROJECT = "PROJECT"
    GIG = "GIG"
    MENTORSHIP = "MENTORSHIP"


class Status(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class ApplicationStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


class Decision(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


def normalise_email(raw: str) -> str:
    return raw.strip().casefold()


def key_of(text: str) -> str:
    """Case- and spacing-insensitive key of a title ("Process  Engineer" == "process engineer")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s+#.-]", " ", text).split())


def validate_person(fields: dict) -> dict:
    errors = FieldErrors()
    name = " ".join(str(fields.get("name") or "").split())
    email = normalise_email(str(fields.get("email") or ""))
    roles = [r for r in fields.get("roles") or ["employee"]]
    errors.check(1 <= len(name) <= 120, "name", "must be 1 to 120 characters")
    errors.check(bool(EMAIL.match(email)), "email", "must be an e-mail address")
    errors.check(all(r in ROLES for r in roles), "roles", f"each role must be one of {ROLES}")
    errors.raise_if_any()
    if "employee" not in roles:
        roles = ["employee", *roles]
    return {
        "name": name,
        "email": email,
        "title": str(fields.get("title") or "").strip(),
        "team": fields.get("team") or None,
        "location": str(fields.get("location") or "").strip(),
        "roles": roles,
    }


# --- input pieces ---------------------------------------------------------------------

def _text(value, field: str, limit: int, errors: FieldErrors, single_line=False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, "must be text")
        return ""
    value = " ".join(value.split()) if single_line else value.strip()
    errors.check(len(value) <= limit, field, f"at most {limit} characters (got {len(value)})")
    return value


def _int(value, field: str, low: int, high: int, errors: FieldErrors) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(field, f"must be a whole number from {low} to {high}")
        return None
    return value


def _date(value, field: str, errors: FieldErrors) -> date | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        errors.add(field, "must be a date (YYYY-MM-DD)")
        return None


def _names(raw, field: str, limit: int, item_limit: int, errors: FieldErrors) -> list[str]:
    """A list of short texts: trimmed, blanks dropped, case-insensitive duplicates dropped."""
    if not isinstance(raw, list | tuple):
        errors.add(field, "must be a list")
        return []
    names: list[str] = []
    for i, item in enumerate(raw):
        name = _text(item, f"{field}[{i}]", item_limit, errors, single_line=True)
        if name and key_of(name) not in {key_of(n) for n in names}:
            names.append(name)
    errors.check(len(names) <= limit, field, f"at most {limit} entries (got {len(names)})")
    return names


def _skill_inputs(raw, field: str, limit: int, errors: FieldErrors,
                  with_required=False) -> list[dict]:
    if not isinstance(raw, list | tuple):
        errors.add(field, "must be a list")
        return []
    errors.check(len(raw) <= limit, field, f"at most {limit} skills (got {len(raw)})")
    skills = []
    for i, item in enumerate(raw):
        item = item if isinstance(item, dict) else {}
        name = _text(item.get("name"), f"{field}[{i}].name", SKILL_NAME_MAX, errors, True)
        errors.check(bool(name), f"{field}[{i}].name", "must not be empty")
        level = _int(item.get("level"), f"{field}[{i}].level", LEVEL_MIN, LEVEL_MAX, errors)
        errors.check("level" in item, f"{field}[{i}].level", "is required")
        skill = {"name": name, "level": level or LEVEL_MIN}
        if with_required:
            skill["required"] = item.get("required", True) is not False
        skills.append(skill)
    return skills


# --- profile --------------------------------------------------------------------------

def validate_profile(fields: dict) -> dict:
    """The profile fields given (None = unchanged), cleaned; skills still by name."""
    errors = FieldErrors()
    clean: dict = {}
    given = {k: v for k, v in fields.items() if v is not None}
    if "headline" in given:
        clean["headline"] = _text(given["headline"], "headline", HEADLINE_MAX, errors, True)
    if "aspirations" in given:
        clean["aspirations"] = _text(given["aspirations"], "aspirations", ASPIRATIONS_MAX,
                                     errors)
    if "interests" in given:
        clean["interests"] = _names(given["interests"], "interests", INTERESTS_MAX,
                                    INTEREST_MAX_LEN, errors)
    if "mentoring_skills" in given:
        clean["mentoring_skills"] = _names(given["mentoring_skills"], "mentoringSkills",
                                           INTERESTS_MAX, SKILL_NAME_MAX, errors)
    if "skills" in given:
        clean["skills"] = _skill_inputs(given["skills"], "skills", PROFILE_SKILLS_MAX, errors)
    if "available_hours_per_week" in given:
        clean["available_hours_per_week"] = _int(
            given["available_hours_per_week"], "availableHoursPerWeek", 0, HOURS_MAX, errors)
    errors.raise_if_any()
    return clean


def dedupe_skills(skills: list[dict]) -> list[dict]:
    """Skills resolved to taxonomy ids: one entry per id, first position, highest level."""
    by_id: dict[str, dict] = {}
    for skill in skills:
        kept = by_id.setdefault(skill["skill_id"], dict(skill))
        kept["level"] = max(kept["level"], skill["level"])
        if "required" in skill:
            kept["required"] = kept["required"] or skill["required"]
    return list(by_id.values())


# --- opportunities --------------------------------------------------------------------

OPPORTUNITY_FIELDS = ("kind", "title", "description", "team", "skills", "hours_per_week",
                      "location", "remote", "starts_on", "closes_on", "capacity")


def validate_opportunity(fields: dict, today: date, current: dict | None = None,
                         taken: int = 0) -> dict:
    """A whole opportunity: `fields` over `current` (an update), or a new one; `taken`:
    places already accepted, which the capacity may not drop below."""
    errors = FieldErrors()
    given = {k: v for k, v in fields.items() if v is not None}
    merged = {**(current or {}), **given}
    kind = str(merged.get("kind") or "")
    errors.check(kind in Kind.__members__, "kind", f"must be one of {', '.join(Kind)}")
    title = _text(merged.get("title"), "title", TITLE_MAX, errors, single_line=True)
    errors.check(len(title) >= TITLE_MIN, "title",
                 f"must be {TITLE_MIN} to {TITLE_MAX} characters (got {len(title)})")
    closes_on = _date(merged.get("closes_on"), "closesOn", errors)
    if "closes_on" in given and closes_on is not None:
        errors.check(closes_on >= today, "closesOn", "must not be in the past")
    clean = {
        "kind": kind,
        "title": title,
        "description": _text(merged.get("description"), "description", DESCRIPTION_MAX,
                             errors),
        "team": _text(merged.get("team"), "team", 80, errors, single_line=True) or None,
        "skills": _skill_inputs(merged.get("skills") or [], "skills", OPPORTUNITY_SKILLS_MAX,
                                errors, with_required=True),
        "hours_per_week": _int(merged.get("hours_per_week"), "hoursPerWeek", 1, HOURS_MAX,
                               errors),
        "location": _text(merged.get("location"), "location", 80, errors, single_line=True),
        "remote": bool(merged.get("remote")),
        "starts_on": _date(merged.get("starts_on"), "startsOn", errors),
        "closes_on": closes_on,
        "capacity": _int(merged.get("capacity", 1), "capacity", 1, CAPACITY_MAX, errors) or 1,
    }
    errors.check(clean["capacity"] >= taken, "capacity",
                 f"must be at least {taken}: {taken} places are already taken")
    errors.raise_if_any()
    return clean


def is_accepting(status: str, closes_on: date | None, today: date) -> bool:
    return status == Status.OPEN and (closes_on is None or closes_on >= today)


def may_change_opportunity(owner_id: str, user_id: str, is_admin: bool) -> None:
    if owner_id != user_id and not is_admin:
        raise PermissionDenied("only the owner of the opportunity or an admin may do this")


# --- applications ---------------------------------------------------------------------

def check_interest(opportunity: dict, applicant_id: str, existing: str | None,
                   today: date) -> None:
    """May `applicant_id` express interest? `existing`: status of their earlier application."""
    if opportunity["owner_id"] == applicant_id:
        raise PermissionDenied("you cannot express interest in your own opportunity")
    if not is_accepting(opportunity["status"], opportunity["closes_on"], today):
        raise Conflict(f"the opportunity is {opportunity['status']} and closes on "
                       f"{opportunity['closes_on'] or 'no date'}: it takes no new interest")
    if existing is not None and existing != ApplicationStatus.WITHDRAWN:
        raise Conflict(f"you already expressed interest (application is {existing})")


def check_withdraw(status: str) -> str:
    if status not in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED):
        raise Conflict(f"the application is {status}: only PENDING or ACCEPTED ones can be "
                       "withdrawn")
    return ApplicationStatus.WITHDRAWN


def check_decision(decision: str, status: str, opportunity_status: str, accepted: int,
                   capacity: int) -> str:
    """The application's new status; `accepted`: applications accepted so far."""
    if decision not in Decision.__members__:
        raise Conflict(f"decision must be one of {', '.join(Decision)}")
    if status != ApplicationStatus.PENDING:
        raise Conflict(f"the application is {status}, not PENDING: it was already decided")
    if decision == Decision.DECLINE:
        return ApplicationStatus.DECLINED
    if opportunity_status != Status.OPEN:
        raise Conflict(f"the opportunity is {opportunity_status}, not OPEN: nobody more "
                       "can be accepted")
    if accepted >= capacity:
        raise Conflict(f"the opportunity is full: {accepted} of {capacity} places taken")
    return ApplicationStatus.ACCEPTED


# --- skill gap ------------------------------------------------------------------------

def skill_gap(wanted: list[dict], have: dict[str, int]) -> dict:
    """What an opportunity asks for (`wanted`: skill_id, name, level, required) against
    what a person has (`have`: skill_id -> level).

    coverage = sum(weight * min(have, level) / level) / sum(weight), where a required skill
    weighs 2 and a nice-to-have 1; 1.0 when the opportunity names no skill."""
    matched, missing, under, credit, total = [], [], [], 0.0, 0
    for skill in wanted:
        entry = {"skill": {"id": skill["skill_id"], "name": skill["name"]},
                 "required": skill["level"], "essential": skill["required"]}
        level = have.get(skill["skill_id"])
        weight = 2 if skill["required"] else 1
        total += weight
        if level is None:
            missing.append(entry)
            continue
        credit += weight * min(level, skill["level"]) / skill["level"]
        (matched if level >= skill["level"] else under).append({**entry, "have": level})
    coverage = round(credit / total, 3) if total else 1.0
    return {"matched": matched, "missing": missing, "under_level": under,
            "coverage": coverage}


# --- mentors --------------------------------------------------------------------------

def rank_mentors(wanted: list[str], offers: list[dict], caller_id: str) -> list[dict]:
    """Mentors offering any wanted skill id, best coverage first (then more skills offered
    in common, then name); never the caller. `offers`: {person_id, name, skill_ids}."""
    wanted_set = set(wanted)
    ranked = []
    for offer in offers:
        common = [s for s in offer["skill_ids"] if s in wanted_set]
        if offer["person_id"] == caller_id or not common:
            continue
        coverage = round(len(common) / len(wanted_set), 3)
        ranked.append({"person_id": offer["person_id"], "skill_ids": common,
                       "coverage": coverage, "_name": offer["name"]})
    ranked.sort(key=lambda m: (-m["coverage"], -len(m["skill_ids"]), m["_name"],
                               m["person_id"]))
    return [{k: v for k, v in m.items() if k != "_name"} for m in ranked]


def check_mentoring_request(mentor_id: str, mentee_id: str, offered: bool,
                            pending: bool) -> None:
    if mentor_id == mentee_id:
        raise PermissionDenied("you cannot ask yourself for mentoring")
    if not offered:
        raise Conflict("this person offers no mentoring")
    if pending:
        raise Conflict("you already have a PENDING request with this mentor")


def check_mentoring_response(mentor_id: str, user_id: str, status: str) -> None:
    if mentor_id != user_id:
        raise PermissionDenied("only the mentor asked may answer this request")
    if status != ApplicationStatus.PENDING:
        raise Conflict(f"the request is {status}, not PENDING: it was already answered")


# --- role voices ----------------------------------------------------------------------

def voice_standing(role_key: str, title: str, held_keys: set[str]) -> bool | None:
    """True: holds the role now (same title); False: held it (was accepted on an
    opportunity of the same title); None: neither, so no voice."""
    if key_of(title) == role_key:
        return True
    return False if role_key in held_keys else None


def validate_voice(text) -> str:
    errors = FieldErrors()
    clean = _text(text, "text", VOICE_MAX, errors)
    errors.check(len(clean) >= VOICE_MIN, "text", f"at least {VOICE_MIN} characters")
    errors.raise_if_any()
    return clean


def validate_note(value, field: str = "note") -> str:
    errors = FieldErrors()
    clean = _text(value, field, NOTE_MAX, errors)
    errors.raise_if_any()
    return clean
