"""Queries and writes of the work inside mentorships: goals, sessions with their agenda,
notes and action items; batch reads per mentorship for pages and the programme report."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.career.matching import MatchStatus
from services.career.mentoring_store import new_id
from services.career.models import (
    ActionItem,
    AgendaItem,
    MentoringSession,
    Mentorship,
    MentorshipGoal,
    SessionNote,
)


def _by(rows, key: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for row in rows:
        found.setdefault(getattr(row, key), []).append(row)
    return found


def add_goal(session: Session, mentorship: Mentorship, clean: dict, at: datetime
             ) -> MentorshipGoal:
    goal = MentorshipGoal(id=new_id(), mentorship_id=mentorship.id, created_at=at)
    fill_goal(goal, clean, at)
    session.add(goal)
    session.flush()
    return goal


def fill_goal(goal: MentorshipGoal, clean: dict, at: datetime) -> None:
    goal.title, goal.target_date, goal.notes = clean["title"], clean["target_date"], clean["notes"]
    goal.tasks, goal.progress, goal.updated_at = json.dumps(clean["tasks"]), clean["progress"], at
    goal.completed_at = (goal.completed_at or at) if goal.progress == 100 else None


def goals_of(session: Session, mentorship_ids: list[str]) -> dict[str, list[MentorshipGoal]]:
    rows = session.scalars(select(MentorshipGoal).where(
        MentorshipGoal.mentorship_id.in_(mentorship_ids))
        .order_by(MentorshipGoal.created_at, MentorshipGoal.id)).all()
    return _by(rows, "mentorship_id")


def add_session(session: Session, mentorship: Mentorship, at: datetime, minutes: int,
                by: str, stamp: datetime) -> MentoringSession:
    row = MentoringSession(id=new_id(), mentorship_id=mentorship.id, at=at,
                           duration_minutes=minutes, created_by=by, created_at=stamp)
    session.add(row)
    session.flush()
    return row


def sessions_of(session: Session, mentorship_ids: list[str]
                ) -> dict[str, list[MentoringSession]]:
    rows = session.scalars(select(MentoringSession).where(
        MentoringSession.mentorship_id.in_(mentorship_ids))
        .order_by(MentoringSession.at, MentoringSession.id)).all()
    return _by(rows, "mentorship_id")


def add_agenda_item(session: Session, session_id: str, author_id: str, text: str,
                    at: datetime) -> AgendaItem:
    item = AgendaItem(id=new_id(), session_id=session_id, author_id=author_id, text=text,
                      created_at=at)
    session.add(item)
    session.flush()
    return item


def add_note(session: Session, session_id: str, author_id: str, body: str, visibility: str,
             at: datetime) -> SessionNote:
    note = SessionNote(id=new_id(), session_id=session_id, author_id=author_id, body=body,
                       visibility=visibility, created_at=at)
    session.add(note)
    session.flush()
    return note


def add_action_item(session: Session, meeting: MentoringSession, owner_id: str, text: str,
                    at: datetime) -> ActionItem:
    item = ActionItem(id=new_id(), mentorship_id=meeting.mentorship_id, session_id=meeting.id,
                      owner_id=owner_id, text=text, done=False, created_at=at)
    session.add(item)
    session.flush()
    return item


def agenda_of(session: Session, session_ids: list[str]) -> dict[str, list[AgendaItem]]:
    rows = session.scalars(select(AgendaItem).where(AgendaItem.session_id.in_(session_ids))
                           .order_by(AgendaItem.created_at, AgendaItem.id)).all()
    return _by(rows, "session_id")


def notes_of(session: Session, session_ids: list[str]) -> dict[str, list[SessionNote]]:
    rows = session.scalars(select(SessionNote).where(SessionNote.session_id.in_(session_ids))
                           .order_by(SessionNote.created_at, SessionNote.id)).all()
    return _by(rows, "session_id")


def action_items_of(session: Session, mentorship_ids: list[str]
                    ) -> dict[str, list[ActionItem]]:
    rows = session.scalars(select(ActionItem).where(
        ActionItem.mentorship_id.in_(mentorship_ids))
        .order_by(ActionItem.created_at, ActionItem.id)).all()
    return _by(rows, "mentorship_id")


def goals_completed(session: Session, mentorship_ids: list[str]) -> int:
    return session.scalar(select(func.count()).select_from(MentorshipGoal).where(
        MentorshipGoal.mentorship_id.in_(mentorship_ids),
        MentorshipGoal.completed_at.is_not(None))) or 0


def backdate(session: Session, mentorship: Mentorship, by) -> None:
    """Moves the mentorship and everything in it `by` (a timedelta) into the past."""
    for row in (mentorship, *goals_of(session, [mentorship.id]).get(mentorship.id, []),
                *sessions_of(session, [mentorship.id]).get(mentorship.id, [])):
        for column in ("created_at", "matched_at", "last_activity_at", "updated_at", "at",
                       "completed_at", "closed_at"):
            if getattr(row, column, None) is not None:
                setattr(row, column, getattr(row, column) - by)
    session.flush()


def sessions_to_remind(session: Session, now: datetime, until: datetime
                       ) -> list:
    """Sessions of active mentorships starting after `now` and by `until` whose pair has
    not been reminded yet, locked so two instances never remind twice."""
    return list(session.execute(
        select(MentoringSession, Mentorship)
        .join(Mentorship, Mentorship.id == MentoringSession.mentorship_id)
        .where(Mentorship.status == MatchStatus.ACTIVE, MentoringSession.reminded_at.is_(None),
               MentoringSession.at > now, MentoringSession.at <= until)
        .order_by(MentoringSession.at).with_for_update(of=MentoringSession)).all())
