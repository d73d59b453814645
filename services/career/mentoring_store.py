"""Queries and writes of mentoring programmes and mentorships: finds that raise NotFound,
the mentor's enrolment locked while a match takes a place (as applications.py locks an
opportunity: FOR UPDATE on PostgreSQL, a first write on SQLite), and batch reads."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from services.career.matching import MatchStatus
from services.career.models import (
    ActionItem,
    Enrolment,
    Evidence,
    MentoringProgramme,
    MentoringSession,
    Mentorship,
    MentorshipGoal,
    Person,
)
from services.career.store import _find
from shared.errors import NotFound

OPEN = (MatchStatus.PENDING, MatchStatus.ACTIVE)


def new_id() -> str:
    return str(uuid.uuid4())


def find_programme(session: Session, programme_id: str) -> MentoringProgramme:
    return _find(session, MentoringProgramme, programme_id, "programme")


def find_mentorship(session: Session, mentorship_id: str) -> Mentorship:
    return _find(session, Mentorship, mentorship_id, "mentorship")


def find_goal(session: Session, goal_id: str) -> MentorshipGoal:
    return _find(session, MentorshipGoal, goal_id, "goal")


def find_session(session: Session, session_id: str) -> MentoringSession:
    return _find(session, MentoringSession, session_id, "session")


def find_action_item(session: Session, item_id: str) -> ActionItem:
    return _find(session, ActionItem, item_id, "action item")


def coordinator_ids(programme: MentoringProgramme | None) -> list[str]:
    return json.loads(programme.coordinator_ids) if programme else []


def programme_of(session: Session, mentorship: Mentorship) -> MentoringProgramme | None:
    return session.get(MentoringProgramme, mentorship.programme_id) \
        if mentorship.programme_id else None


# --- programmes and enrolments ----------------------------------------------------------

def add_programme(session: Session, clean: dict, created_by: str, at: datetime
                  ) -> MentoringProgramme:
    programme = MentoringProgramme(
        id=new_id(), name=clean["name"], description=clean["description"],
        starts_on=clean["starts_on"], ends_on=clean["ends_on"],
        coordinator_ids=json.dumps(clean["coordinator_ids"]),
        audience=json.dumps(clean["audience"]), created_by=created_by, created_at=at)
    session.add(programme)
    session.flush()
    return programme


def programmes(session: Session) -> list[MentoringProgramme]:
    return list(session.scalars(select(MentoringProgramme).order_by(
        MentoringProgramme.starts_on.desc(), MentoringProgramme.name)).all())


def programmes_by_id(session: Session, ids: list[str]) -> list[MentoringProgramme]:
    return list(session.scalars(select(MentoringProgramme).where(
        MentoringProgramme.id.in_(ids))).all())


def enrolments(session: Session, programme_id: str) -> list[Enrolment]:
    return list(session.scalars(select(Enrolment).where(Enrolment.programme_id == programme_id)
                                .order_by(Enrolment.created_at, Enrolment.id)).all())


def enrolment_of(session: Session, programme_id: str, person_id: str) -> Enrolment | None:
    return session.scalar(select(Enrolment).where(Enrolment.programme_id == programme_id,
                                                  Enrolment.person_id == person_id))


def enrolments_of(session: Session, person_id: str) -> dict[str, Enrolment]:
    rows = session.scalars(select(Enrolment).where(Enrolment.person_id == person_id)).all()
    return {row.programme_id: row for row in rows}


def add_enrolment(session: Session, programme_id: str, person_id: str, clean: dict,
                  at: datetime) -> Enrolment:
    enrolment = Enrolment(id=new_id(), programme_id=programme_id, person_id=person_id,
                          role=clean["role"], skills=json.dumps(clean["skills"]),
                          capacity=clean["capacity"], goal=clean["goal"], lock_version=0,
                          created_at=at)
    session.add(enrolment)
    session.flush()
    return enrolment


def lock_mentor(session: Session, programme_id: str, mentor_id: str) -> Enrolment:
    """The mentor's enrolment, locked until commit, so their places are counted once."""
    where = (Enrolment.programme_id == programme_id, Enrolment.person_id == mentor_id)
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Enrolment).where(*where)
                        .values(lock_version=Enrolment.lock_version + 1))
    enrolment = session.scalar(select(Enrolment).where(*where).with_for_update()
                               .execution_options(populate_existing=True))
    if enrolment is None:
        raise NotFound("this person is not a mentor in the programme")
    return enrolment


def reload(session: Session, mentorship_id: str) -> Mentorship:
    return session.scalar(select(Mentorship).where(Mentorship.id == mentorship_id)
                          .execution_options(populate_existing=True))


def mentor_loads(session: Session, programme_id: str, statuses=OPEN) -> dict[str, int]:
    rows = session.execute(select(Mentorship.mentor_id, func.count()).where(
        Mentorship.programme_id == programme_id, Mentorship.status.in_(statuses))
        .group_by(Mentorship.mentor_id)).all()
    return dict(rows)


def open_matches_of(session: Session, programme_id: str, mentee_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Mentorship).where(
        Mentorship.programme_id == programme_id, Mentorship.mentee_id == mentee_id,
        Mentorship.status.in_(OPEN))) or 0


# --- mentorships ------------------------------------------------------------------------

def add_mentorship(session: Session, programme_id: str | None, mentor_id: str,
                   mentee_id: str, status: str, how: str, at: datetime) -> Mentorship:
    mentorship = Mentorship(
        id=new_id(), programme_id=programme_id, mentor_id=mentor_id, mentee_id=mentee_id,
        status=status, how=how, created_at=at, last_activity_at=at,
        matched_at=at if status == MatchStatus.ACTIVE else None,
        mentor_reflection="", mentee_reflection="")
    session.add(mentorship)
    session.flush()
    return mentorship


def decline_pending_of(session: Session, person_id: str) -> int:
    """Declines the PENDING matches the person asked for or was asked for (their
    deactivation): the mentee may then ask another mentor."""
    rows = session.scalars(select(Mentorship).where(
        (Mentorship.mentor_id == person_id) | (Mentorship.mentee_id == person_id),
        Mentorship.status == MatchStatus.PENDING)).all()
    for mentorship in rows:
        mentorship.status = MatchStatus.DECLINED
    return len(rows)


def mentorships_of(session: Session, person_id: str) -> list[Mentorship]:
    return list(session.scalars(select(Mentorship).where(
        or_(Mentorship.mentor_id == person_id, Mentorship.mentee_id == person_id))
        .order_by(Mentorship.created_at.desc(), Mentorship.id)).all())


def programme_mentorships(session: Session, programme_id: str) -> list[Mentorship]:
    return list(session.scalars(select(Mentorship).where(
        Mentorship.programme_id == programme_id)
        .order_by(Mentorship.created_at, Mentorship.id)).all())


def active_mentorships(session: Session) -> list[Mentorship]:
    return list(session.scalars(select(Mentorship).where(
        Mentorship.status == MatchStatus.ACTIVE)).all())


def closed_of_mentor(session: Session, mentor_id: str) -> list[Mentorship]:
    return list(session.scalars(select(Mentorship).where(
        Mentorship.mentor_id == mentor_id, Mentorship.status == MatchStatus.CLOSED)).all())


def touch(mentorship: Mentorship, at: datetime) -> None:
    """Activity: a session planned, a note written, a goal set or updated."""
    mentorship.last_activity_at = max(mentorship.last_activity_at, at)


def mentoring_areas(session: Session, closed: list[Mentorship]) -> list[str]:
    """What the mentor helped with: their help areas in those programmes (their profile's
    mentoring skills for matches outside any)."""
    areas: list[str] = []
    for m in closed:
        enrolment = enrolment_of(session, m.programme_id, m.mentor_id) if m.programme_id \
            else None
        names = json.loads(enrolment.skills) if enrolment else [
            s.skill.name for s in session.get(Person, m.mentor_id).mentoring]
        areas += [n for n in names if n.casefold() not in {a.casefold() for a in areas}]
    return areas


def save_mentoring_evidence(session: Session, mentor_id: str, text: str, at: datetime
                            ) -> None:
    """One entry per mentor, rewritten as mentorships complete."""
    row = session.scalar(select(Evidence).where(
        Evidence.person_id == mentor_id, Evidence.source == "MENTORING",
        Evidence.source_id == mentor_id))
    if row is None:
        row = Evidence(id=new_id(), person_id=mentor_id, source="MENTORING",
                       source_id=mentor_id, title="Mentoring")
        session.add(row)
    row.text, row.occurred_at = text, at
    session.flush()
