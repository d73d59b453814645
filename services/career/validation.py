"""Raw input of the career service to clean values: every bad field is named at once, in
its GraphQL spelling (`availableHoursPerWeek`, `skills[0].level`), and nothing is stored."""
from __future__ import annotations

import re
from datetime import date
from typing import TypedDict

from services.career.domain import Decision, Kind, key_of
from services.career.identities import SignInClaims
from shared import clock
from shared.errors import FieldErrors, ValidationError
from shared.identity import ROLES
from shared.text import one_line

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LEVEL_MIN, LEVEL_MAX = 1, 5
SKILL_NAME_MAX = 120
HEADLINE_MAX, ASPIRATIONS_MAX, NOTE_MAX = 140, 2000, 2000
PROFILE_SKILLS_MAX, INTERESTS_MAX, INTEREST_MAX_LEN = 60, 20, 60
HOURS_MAX = 60
TITLE_MIN, TITLE_MAX, DESCRIPTION_MAX = 3, 140, 5000
OPPORTUNITY_SKILLS_MAX, CAPACITY_MAX = 30, 100
VOICE_MIN, VOICE_MAX = 10, 1000
MENTORING_SKILLS_MAX = 20


class PersonFields(TypedDict):
    name: str
    email: str
    title: str
    team: str | None
    location: str
    roles: list[str]


class SkillInput(TypedDict, total=False):
    """A skill by the name someone typed; `required` only on an opportunity's skills."""

    name: str
    level: int
    required: bool


class ProfileChanges(TypedDict, total=False):
    """The profile fields given; skills still by name."""

    headline: str
    aspirations: str
    interests: list[str]
    mentoring_skills: list[str]
    skills: list[SkillInput]
    available_hours_per_week: int | None


def normalise_email(raw: str) -> str:
    return raw.strip().casefold()


def validate_person(fields: dict) -> PersonFields:
    errors = FieldErrors()
    name = one_line(str(fields.get("name") or ""))
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


def validate_claims(raw: dict, groups_claim: str, team_claim: str) -> SignInClaims:
    """A verified token's claims (as the gateway forwards them) to what sign-in reads."""
    errors = FieldErrors()
    issuer, subject = str(raw.get("iss") or ""), str(raw.get("sub") or "")
    email = normalise_email(str(raw.get("email") or ""))
    errors.check(bool(issuer), "iss", "is required")
    errors.check(bool(subject), "sub", "is required")
    errors.check(bool(EMAIL.match(email)), "email", "the token must carry an e-mail address")
    groups = raw.get(groups_claim)
    if isinstance(groups, str):
        groups = groups.replace(",", " ").split()
    errors.check(groups is None or isinstance(groups, list), groups_claim, "must be a list")
    errors.raise_if_any()
    name = " ".join(str(raw.get("name") or "").split())[:120] or email.split("@")[0]
    team = " ".join(str(raw.get(team_claim) or "").split())[:80] or None
    return SignInClaims(issuer=issuer, subject=subject, email=email,
                        email_verified=raw.get("email_verified") is True, name=name,
                        team=team, groups=None if groups is None else tuple(map(str, groups)))


# --- input pieces ---------------------------------------------------------------------

def _text(value, field: str, limit: int, errors: FieldErrors, single_line=False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, "must be text")
        return ""
    value = one_line(value) if single_line else value.strip()
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
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        errors.add(field, "must be a date (YYYY-MM-DD)")
        return None
    errors.check(clock.plausible(day), field, clock.PLAUSIBLE)
    return day


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
                  with_required=False) -> list[SkillInput]:
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
        skill = SkillInput(name=name, level=level or LEVEL_MIN)
        if with_required:
            skill["required"] = item.get("required", True) is not False
        skills.append(skill)
    return skills


# --- profile --------------------------------------------------------------------------

def validate_profile(fields: dict) -> ProfileChanges:
    """The profile fields given (None = unchanged), cleaned; skills still by name."""
    errors = FieldErrors()
    clean: ProfileChanges = {}
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


# --- notes, voices, decisions ---------------------------------------------------------

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


def clean_decision(decision: str) -> str:
    if decision not in Decision.__members__:
        raise ValidationError(f"must be one of {', '.join(Decision)}", "decision")
    return decision


def clean_skill_names(raw) -> list[str]:
    """Skill names as typed, spacing collapsed, blanks dropped: at least one, the first
    MENTORING_SKILLS_MAX kept."""
    names = [" ".join(str(s).split()) for s in raw or [] if str(s).strip()]
    if not names:
        raise ValidationError("name at least one skill", "skills")
    return names[:MENTORING_SKILLS_MAX]


def skill_names(raw) -> list[str]:
    """Names to check against the taxonomy: a list of at most PROFILE_SKILLS_MAX short texts."""
    errors = FieldErrors()
    names = _names(raw, "names", PROFILE_SKILLS_MAX, SKILL_NAME_MAX, errors)
    errors.raise_if_any()
    return names


def clean_first(first: int | None, most: int) -> int:
    """How many answers a search asks for (10 unless said)."""
    errors = FieldErrors()
    first = _first(first, most, errors)
    errors.raise_if_any()
    return first


def clean_mentor_search(skills, first: int | None, most: int) -> int:
    errors = FieldErrors()
    errors.check(bool([s for s in skills or [] if str(s).strip()]), "skills",
                 "name at least one skill")
    first = _first(first, most, errors)
    errors.raise_if_any()
    return first


def _first(first: int | None, most: int, errors: FieldErrors) -> int:
    first = 10 if first is None else first
    errors.check(1 <= first <= most, "first", f"must be between 1 and {most}")
    return first


TOKEN_NAME_MAX = 120


def validate_token_name(raw: object, errors: FieldErrors) -> str:
    name = " ".join(str(raw or "").split())
    errors.check(bool(name), "name", "give the token a name, e.g. the integration's")
    errors.check(len(name) <= TOKEN_NAME_MAX, "name",
                 f"at most {TOKEN_NAME_MAX} characters")
    return name


def validate_api_token(raw: dict, scopes: tuple[str, ...], today: date
                       ) -> tuple[str, list[str], date | None]:
    """name, scopes (at least one, each known, in the order of `scopes`), expiresOn
    (optional, after today)."""
    errors = FieldErrors()
    name = validate_token_name(raw.get("name"), errors)
    asked = [str(s) for s in raw.get("scopes") or []]
    unknown = [s for s in asked if s not in scopes]
    errors.check(bool(asked), "scopes", "choose at least one scope")
    errors.check(not unknown, "scopes", f"unknown scopes: {', '.join(unknown)}")
    expires_on = None
    if raw.get("expires_on") not in (None, ""):
        try:
            expires_on = date.fromisoformat(str(raw["expires_on"]))
            errors.check(expires_on > today, "expiresOn", "must be after today")
        except ValueError:
            errors.add("expiresOn", "a date, e.g. 2027-01-31")
    errors.raise_if_any()
    return name, [s for s in scopes if s in asked], expires_on
