"""Rules of matching within a mentoring programme, free of frameworks: who may run and join a
programme, the ranked mentor suggestions (the model's similarity, shared skills, load), and
a match's moves under the mentor's capacity."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.career.domain import key_of
from shared.errors import Conflict, PermissionDenied

LOAD_WEIGHT = 0.3  # a mentor at capacity loses this much of a perfect score
SKILL_WEIGHT = 0.5  # the share of the mentee's areas the mentor helps with
MODEL_WEIGHT = 0.5  # the insights model's similarity of mentee and mentor texts


class Role(StrEnum):
    MENTOR = "MENTOR"
    MENTEE = "MENTEE"


class MatchStatus(StrEnum):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    DECLINED = "DECLINED"
    CLOSED = "CLOSED"


class How(StrEnum):
    CHOSEN = "CHOSEN"  # the mentee asked a mentor from the ranked suggestions
    COORDINATOR = "COORDINATOR"  # set by the coordinator
    REQUEST = "REQUEST"  # outside any programme (a mentoring request accepted)


@dataclass(frozen=True)
class MentorCandidate:
    person_id: str
    name: str
    skills: tuple[str, ...]  # help areas
    capacity: int
    load: int  # ACTIVE and PENDING mentees now
    similarity: float | None  # the model's; None when insights is not deployed


@dataclass(frozen=True)
class Suggestion:
    person_id: str
    score: float
    shared_skills: tuple[str, ...]
    reasons: tuple[str, ...]
    load: int
    capacity: int


def mentor_text(areas: list[str], headline: str, skills: list[str], evidence: list[str]
                ) -> str:
    """What the model compares of a mentor: help areas, profile and improvement evidence."""
    return ". ".join(p for p in (f"Helps with {', '.join(areas)}", headline,
                                 ", ".join(skills), *evidence[:5]) if p)


def mentee_text(goal: str, areas: list[str], aspirations: str) -> str:
    return ". ".join(p for p in (goal, f"Wants to develop {', '.join(areas)}", aspirations)
                     if p)


def may_run_programmes(is_admin: bool, is_coordinator: bool) -> None:
    if not (is_admin or is_coordinator):
        raise PermissionDenied("only an admin or a coordinator may create a programme")


def coordinates(coordinator_ids: list[str], user_id: str, is_admin: bool) -> bool:
    return is_admin or user_id in coordinator_ids


def check_enrolment(role: str, audience: list[str], team: str | None, ends_on: date,
                    today: date, already: bool) -> None:
    if already:
        raise Conflict("you are already enrolled in this programme")
    if ends_on < today:
        raise Conflict(f"the programme ended on {ends_on}: it takes no enrolments")
    if audience and key_of(team or "") not in {key_of(t) for t in audience}:
        raise PermissionDenied(f"this programme is for {', '.join(audience)}")


def shared_skills(mentee_skills: list[str], mentor_skills: tuple[str, ...]) -> tuple[str, ...]:
    wanted = {key_of(s) for s in mentee_skills}
    return tuple(s for s in mentor_skills if key_of(s) in wanted)


def suggest(mentee_skills: list[str], candidates: list[MentorCandidate], caller_id: str
            ) -> list[Suggestion]:
    """Mentors with a free place, best first: the model's similarity and the share of the
    mentee's areas they help with, less a little for each place already taken (so load
    spreads); then the fewest mentees, then the name."""
    ranked = []
    for c in candidates:
        if c.person_id == caller_id or c.load >= c.capacity:
            continue
        common = shared_skills(mentee_skills, c.skills)
        coverage = len(common) / len(mentee_skills) if mentee_skills else 0.0
        model = max(0.0, c.similarity or 0.0)
        score = SKILL_WEIGHT * coverage + MODEL_WEIGHT * model \
            - LOAD_WEIGHT * c.load / max(c.capacity, 1)
        ranked.append((c, Suggestion(c.person_id, round(score, 3), common,
                                     reasons(common, c, model), c.load, c.capacity)))
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0].load, pair[0].name,
                                  pair[0].person_id))
    return [s for _, s in ranked]


def reasons(common: tuple[str, ...], c: MentorCandidate, model: float) -> tuple[str, ...]:
    said = []
    if common:
        said.append(f"Helps with {', '.join(common)}")
    if c.similarity is not None and model >= 0.3:
        said.append("Their skills and track record match your goal and development areas")
    free = c.capacity - c.load
    said.append(f"{free} of {c.capacity} places free" if c.load else "No mentees yet")
    return tuple(said)


def check_request(mentee_role: str | None, mentor_role: str | None, mentee_id: str,
                  mentor_id: str, open_matches: int) -> None:
    """May a mentee ask this mentor? `open_matches`: the mentee's PENDING or ACTIVE ones in
    the programme."""
    if mentee_id == mentor_id:
        raise PermissionDenied("you cannot be your own mentor")
    if mentee_role != Role.MENTEE:
        raise PermissionDenied("enrol in the programme as a mentee first")
    if mentor_role != Role.MENTOR:
        raise Conflict("this person is not a mentor in the programme")
    if open_matches:
        raise Conflict("you already have a PENDING or ACTIVE match in this programme")


def check_decision(status: str, mentor_id: str, user_id: str, coordinator: bool) -> None:
    if user_id != mentor_id and not coordinator:
        raise PermissionDenied("only the mentor asked (or the coordinator) may answer")
    if status != MatchStatus.PENDING:
        raise Conflict(f"the match is {status}, not PENDING: it was already decided")


def check_capacity(load: int, capacity: int) -> None:
    """`load`: the mentor's ACTIVE mentees in the programme."""
    if load >= capacity:
        raise Conflict(f"the mentor is full: {load} of {capacity} places taken")
