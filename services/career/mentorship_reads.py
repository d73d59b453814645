"""A mentorship as its reader may see it: the rows it holds read in batches (one query per
table for any number of mentorships), the reader's access, and the dto."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.career import mentoring_store as programmes
from services.career import mentorship_rules as rules
from services.career import mentorship_store as store
from services.career.mentoring_dto import Work, mentorship_dto
from services.career.models import Mentorship
from shared.identity import Identity


def works_of(session: Session, mentorships: list[Mentorship]) -> dict[str, Work]:
    ids = [m.id for m in mentorships]
    goals, sessions = store.goals_of(session, ids), store.sessions_of(session, ids)
    session_ids = [s.id for rows in sessions.values() for s in rows]
    agenda, notes = store.agenda_of(session, session_ids), store.notes_of(session, session_ids)
    items = store.action_items_of(session, ids)
    return {i: Work(goals.get(i, []), sessions.get(i, []), agenda, notes, items.get(i, []))
            for i in ids}


def level_of(session: Session, mentorship: Mentorship, caller: Identity) -> rules.Access:
    coordinators = programmes.coordinator_ids(programmes.programme_of(session, mentorship))
    return rules.access(mentorship, caller.user_id,
                        caller.has("admin") or caller.user_id in coordinators)


def checked(session: Session, mentorship_id: str, caller: Identity, *, pair_only=False
            ) -> Mentorship:
    """The mentorship if the caller may read it (may change it, with `pair_only`)."""
    mentorship = programmes.find_mentorship(session, mentorship_id)
    coordinators = programmes.coordinator_ids(programmes.programme_of(session, mentorship))
    rules.require(mentorship, caller.user_id,
                  caller.has("admin") or caller.user_id in coordinators, pair_only=pair_only)
    return mentorship


def views(session: Session, mentorships: list[Mentorship], caller: Identity, now: datetime
          ) -> list[dict]:
    """Each mentorship the caller may read, as they may see it (the others left out)."""
    works = works_of(session, mentorships)
    found = []
    for m in mentorships:
        level = level_of(session, m, caller)
        if level != rules.Access.NONE:
            found.append(mentorship_dto(m, works[m.id], programmes.programme_of(session, m),
                                        level, caller.user_id, now))
    return found
