"""Rules of the career service over typed values, free of frameworks: who may apply,
decide and change an opportunity, the skill gap, the ranking of mentors, who speaks for a
role, and what evidence improvement work leaves on a profile."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from shared.errors import Conflict, PermissionDenied


class Viewer(Protocol):
    """Who asks (shared.identity.Identity): admin counts as every role."""

    user_id: str

    def has(self, role: str) -> bool: ...


def sees_private_profile(viewer: Viewer, person_id: str, manager_id: str | None) -> bool:
    """Aspirations, interests and available hours are the person's, their own manager's
    and admins' to read; the rest of a profile is the organisation's."""
    return viewer.user_id in (person_id, manager_id) or viewer.has("admin")


def check_may_see_gap(viewer: Viewer, person_id: str, manager_id: str | None) -> None:
    """One's own skill gap, or as their manager a direct report's (admins: anyone's)."""
    if not sees_private_profile(viewer, person_id, manager_id):
        raise PermissionDenied("only the person, their own manager or an admin sees their "
                               "skill gap")


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


class Opening(Protocol):
    """What decides whether an opportunity takes interest (an Opportunity row is one)."""

    owner_id: str
    status: str
    closes_on: date | None


@dataclass(frozen=True)
class LeveledSkill:
    """A skill resolved to the taxonomy; `required` on an opportunity's skills only."""

    skill_id: str
    level: int
    required: bool | None = None


@dataclass(frozen=True)
class WantedSkill:
    skill_id: str
    name: str
    level: int
    required: bool


@dataclass(frozen=True)
class MentorOffer:
    person_id: str
    name: str
    skill_ids: tuple[str, ...]


@dataclass(frozen=True)
class RankedMentor:
    person_id: str
    skill_ids: tuple[str, ...]  # the wanted ones it offers, in its own order
    coverage: float


def key_of(text: str) -> str:
    """Case- and spacing-insensitive key of a title ("Process  Engineer" == "process engineer")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s+#.-]", " ", text).split())


def dedupe_skills(skills: list[LeveledSkill]) -> list[LeveledSkill]:
    """One entry per skill id, at its first position, with the highest level (and required
    when any of them is)."""
    by_id: dict[str, LeveledSkill] = {}
    for skill in skills:
        kept = by_id.get(skill.skill_id)
        by_id[skill.skill_id] = skill if kept is None else LeveledSkill(
            skill.skill_id, max(kept.level, skill.level), kept.required or skill.required)
    return list(by_id.values())


# --- opportunities and applications -----------------------------------------------------

def is_accepting(status: str, closes_on: date | None, today: date) -> bool:
    return status == Status.OPEN and (closes_on is None or closes_on >= today)


def may_change_opportunity(owner_id: str, user_id: str, is_admin: bool) -> None:
    if owner_id != user_id and not is_admin:
        raise PermissionDenied("only the owner of the opportunity or an admin may do this")


def check_interest(opening: Opening, applicant_id: str, existing: str | None,
                   today: date) -> None:
    """May `applicant_id` express interest? `existing`: status of their earlier application."""
    if opening.owner_id == applicant_id:
        raise PermissionDenied("you cannot express interest in your own opportunity")
    if not is_accepting(opening.status, opening.closes_on, today):
        raise Conflict(f"the opportunity is {opening.status} and closes on "
                       f"{opening.closes_on or 'no date'}: it takes no new interest")
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

def skill_gap(wanted: list[WantedSkill], have: dict[str, int]) -> dict:
    """What an opportunity asks for against what a person has (skill_id -> level).

    coverage = sum(weight * min(have, level) / level) / sum(weight), where a required skill
    weighs 2 and a nice-to-have 1; 1.0 when the opportunity names no skill."""
    matched, missing, under, credit, total = [], [], [], 0.0, 0
    for skill in wanted:
        entry = {"skill": {"id": skill.skill_id, "name": skill.name},
                 "required": skill.level, "essential": skill.required}
        level = have.get(skill.skill_id)
        weight = 2 if skill.required else 1
        total += weight
        if level is None:
            missing.append(entry)
            continue
        credit += weight * min(level, skill.level) / skill.level
        (matched if level >= skill.level else under).append({**entry, "have": level})
    coverage = round(credit / total, 3) if total else 1.0
    return {"matched": matched, "missing": missing, "under_level": under,
            "coverage": coverage}


# --- mentors --------------------------------------------------------------------------

def rank_mentors(wanted: list[str], offers: list[MentorOffer], caller_id: str
                 ) -> list[RankedMentor]:
    """Mentors offering any wanted skill id, best coverage first (then more skills offered
    in common, then name); never the caller."""
    wanted_set = set(wanted)
    ranked = []
    for offer in offers:
        common = tuple(s for s in offer.skill_ids if s in wanted_set)
        if offer.person_id == caller_id or not common:
            continue
        ranked.append((offer.name, RankedMentor(offer.person_id, common,
                                                round(len(common) / len(wanted_set), 3))))
    ranked.sort(key=lambda named: (-named[1].coverage, -len(named[1].skill_ids), named[0],
                                   named[1].person_id))
    return [mentor for _, mentor in ranked]


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


def mentoring_answer(decision: str) -> str:
    """The request's status after the mentor's decision."""
    return ApplicationStatus.ACCEPTED if decision == Decision.ACCEPT \
        else ApplicationStatus.DECLINED


# --- deactivation ---------------------------------------------------------------------

def check_may_change_activation(viewer: Viewer) -> None:
    """Only an admin deactivates or reactivates a person (the SCIM client acts as one)."""
    if not viewer.has("admin"):
        raise PermissionDenied("only an admin may deactivate or reactivate a person")


def sees_deactivated(viewer: Viewer) -> bool:
    """Deactivated people are gone from the directory, except for admins (who reactivate
    them)."""
    return viewer.has("admin")


def is_open_application(status: str, opportunity_status: str) -> bool:
    """Withdrawn when its applicant is deactivated: a PENDING one, or an ACCEPTED place on
    an opportunity still OPEN (a closed opportunity's places are its history)."""
    return status == ApplicationStatus.PENDING or (
        status == ApplicationStatus.ACCEPTED and opportunity_status == Status.OPEN)


# --- role voices ----------------------------------------------------------------------

def voice_standing(role_key: str, title: str, held_keys: set[str]) -> bool | None:
    """True: holds the role now (same title); False: held it (was accepted on an
    opportunity of the same title); None: neither, so no voice."""
    if key_of(title) == role_key:
        return True
    return False if role_key in held_keys else None


# --- evidence -------------------------------------------------------------------------

def experiment_evidence(title: str, decision: str, learnings: str | None) -> str:
    text = f"Ran experiment \u201c{title}\u201d (decided: {decision})"
    return f"{text}: {learnings[:300]}" if learnings else text


def experiment_people(owner_id: str, member_ids: list[str]) -> list[str]:
    """Everyone who ran it, once each, the owner first."""
    return list(dict.fromkeys([owner_id, *member_ids]))


def idea_evidence(to_status: str, title: str) -> str | None:
    """Only an implemented idea is evidence on its author's profile."""
    if to_status != "IMPLEMENTED":
        return None
    return f"Implemented improvement idea \u201c{title}\u201d"


def kudos_evidence(skill: str | None, to_person_id: str | None, visibility: str,
                   message: str) -> tuple[str, str] | None:
    """Public kudos to a person that name a skill are evidence of it on their profile
    (title, text); private kudos stay between the two people."""
    if not skill or not to_person_id or visibility != "PUBLIC":
        return None
    return f"Kudos for {skill}"[:255], f"\u201c{message[:300]}\u201d"
