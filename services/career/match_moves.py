"""A match's moves in the DB, with the mentor's enrolment locked while a place is taken
(mentoring_store.lock_mentor), so accepts arriving at once never exceed the capacity. The
caller commits; a refusal rolls back at once (applications.releasing_on_error)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.career import matching, store
from services.career import mentoring_store as programmes
from services.career.applications import releasing_on_error
from services.career.domain import Decision
from services.career.matching import How, MatchStatus
from services.career.models import MentoringProgramme, Mentorship
from shared.clock import now


def role_in(session: Session, programme_id: str, person_id: str) -> str | None:
    enrolment = programmes.enrolment_of(session, programme_id, person_id)
    return enrolment.role if enrolment else None


def check_pair(session: Session, programme_id: str, mentor_id: str, mentee_id: str) -> None:
    """A deactivated mentor counts as no mentor of the programme."""
    mentor_role = role_in(session, programme_id, mentor_id) if store.active_ids(
        session, [mentor_id]) else None
    matching.check_request(role_in(session, programme_id, mentee_id), mentor_role,
                           mentee_id, mentor_id,
                           programmes.open_matches_of(session, programme_id, mentee_id))


def take_place(session: Session, programme_id: str, mentor_id: str) -> None:
    """Locks the mentor's enrolment and checks a place is free (Conflict when full)."""
    mentor = programmes.lock_mentor(session, programme_id, mentor_id)
    active = programmes.mentor_loads(session, programme_id, (MatchStatus.ACTIVE,))
    matching.check_capacity(active.get(mentor_id, 0), mentor.capacity)


def decide(session: Session, mentorship_id: str, decision: str, user_id: str,
           is_admin: bool) -> Mentorship:
    m = programmes.find_mentorship(session, mentorship_id)
    coordinators = programmes.coordinator_ids(programmes.programme_of(session, m))
    with releasing_on_error(session):
        if decision == Decision.ACCEPT and m.programme_id:
            take_place(session, m.programme_id, m.mentor_id)
        m = programmes.reload(session, m.id)
        matching.check_decision(m.status, m.mentor_id, user_id,
                                is_admin or user_id in coordinators)
        m.status = MatchStatus.ACTIVE if decision == Decision.ACCEPT else MatchStatus.DECLINED
        if m.status == MatchStatus.ACTIVE:
            m.matched_at = m.last_activity_at = now()
        session.flush()
    return m


def pair(session: Session, programme: MentoringProgramme, mentor_id: str, mentee_id: str
         ) -> Mentorship:
    """The coordinator's match: ACTIVE at once."""
    check_pair(session, programme.id, mentor_id, mentee_id)
    with releasing_on_error(session):
        take_place(session, programme.id, mentor_id)
        return programmes.add_mentorship(session, programme.id, mentor_id, mentee_id,
                                         MatchStatus.ACTIVE, How.COORDINATOR, now())
