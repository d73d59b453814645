"""Programmes, enrolments and mentorships to plain JSON-safe dicts, each shaped by what the
reader may see (mentorship_rules.Access): the pair everything but the other's private
notes, a coordinator goal titles, progress, milestones and session dates only."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from services.career import mentorship_rules as rules
from services.career.dto import _iso
from services.career.mentorship_rules import Access
from services.career.models import (
    ActionItem,
    Enrolment,
    MentoringProgramme,
    MentoringSession,
    Mentorship,
    MentorshipGoal,
)


@dataclass
class Work:
    """What a mentorship holds, read in batches (mentorship_store)."""

    goals: list[MentorshipGoal] = field(default_factory=list)
    sessions: list[MentoringSession] = field(default_factory=list)
    agenda: dict[str, list] = field(default_factory=dict)
    notes: dict[str, list] = field(default_factory=dict)
    items: list[ActionItem] = field(default_factory=list)


def programme_dto(programme: MentoringProgramme, mine: Enrolment | None, coordinates: bool,
                  counts: dict[str, int]) -> dict:
    p = programme
    return {"id": p.id, "name": p.name, "description": p.description,
            "starts_on": _iso(p.starts_on), "ends_on": _iso(p.ends_on),
            "coordinator_ids": json.loads(p.coordinator_ids),
            "audience": json.loads(p.audience), "created_at": _iso(p.created_at),
            "my_enrolment": enrolment_dto(mine) if mine else None,
            "coordinates": coordinates, "mentors": counts.get("MENTOR", 0),
            "mentees": counts.get("MENTEE", 0)}


def enrolment_dto(enrolment: Enrolment) -> dict:
    e = enrolment
    return {"id": e.id, "programme_id": e.programme_id, "person_id": e.person_id,
            "role": e.role, "skills": json.loads(e.skills), "capacity": e.capacity,
            "goal": e.goal, "created_at": _iso(e.created_at)}


def action_item_dto(item: ActionItem) -> dict:
    """The same answer as the growth service's action items."""
    return {"id": item.id, "text": item.text, "owner_id": item.owner_id, "done": item.done,
            "created_at": _iso(item.created_at), "completed_at": _iso(item.completed_at)}


def goal_dto(goal: MentorshipGoal, level: Access) -> dict:
    pair = level == Access.PAIR
    return {"id": goal.id, "title": goal.title, "target_date": _iso(goal.target_date),
            "progress": goal.progress, "created_at": _iso(goal.created_at),
            "updated_at": _iso(goal.updated_at), "completed_at": _iso(goal.completed_at),
            "tasks": json.loads(goal.tasks) if pair else None,
            "notes": goal.notes if pair else None}


def session_dto(meeting: MentoringSession, work: Work, level: Access, user_id: str,
                now: datetime) -> dict:
    pair = level == Access.PAIR
    starts = {s.id: s.at for s in work.sessions}
    own = [i for i in work.items if i.session_id == meeting.id]
    carried = [i for i in work.items if rules.carried_into(
        meeting.at, starts.get(i.session_id, i.created_at), i.completed_at)]
    notes = [n for n in work.notes.get(meeting.id, [])
             if rules.reads_note(n.author_id, n.visibility, user_id, level)]
    return {"id": meeting.id, "mentorship_id": meeting.mentorship_id, "at": _iso(meeting.at),
            "duration_minutes": meeting.duration_minutes, "held": meeting.at <= now,
            "agenda": [{"id": a.id, "author_id": a.author_id, "text": a.text,
                        "created_at": _iso(a.created_at)}
                       for a in work.agenda.get(meeting.id, [])] if pair else None,
            "notes": [{"id": n.id, "author_id": n.author_id, "body": n.body,
                       "visibility": n.visibility, "created_at": _iso(n.created_at)}
                      for n in notes] if pair else None,
            "action_items": [action_item_dto(i) for i in own] if pair else None,
            "carried_action_items": [action_item_dto(i) for i in carried] if pair else None}


def activity(m: Mentorship, work: Work, programme: MentoringProgramme | None
             ) -> rules.Activity:
    return rules.Activity(
        matched_at=m.matched_at, last_activity_at=m.last_activity_at, closed_at=m.closed_at,
        session_times=tuple(s.at for s in work.sessions),
        first_goal_at=min((g.created_at for g in work.goals), default=None),
        halfway_on=rules.halfway_on(programme.starts_on, programme.ends_on)
        if programme else None)


def mentorship_dto(m: Mentorship, work: Work, programme: MentoringProgramme | None,
                   level: Access, user_id: str, now: datetime) -> dict:
    act = activity(m, work, programme)
    side = rules.side(m, user_id) if level == Access.PAIR else None
    return {
        "id": m.id, "programme_id": m.programme_id, "mentor_id": m.mentor_id,
        "mentee_id": m.mentee_id, "status": m.status, "how": m.how,
        "created_at": _iso(m.created_at), "matched_at": _iso(m.matched_at),
        "closed_at": _iso(m.closed_at), "last_activity_at": _iso(rules.last_active(act, now)),
        "stuck": rules.is_stuck(m.status, act, now),
        "milestones": [{"name": x["name"], "reached_at": _iso(x["reached_at"])}
                       for x in rules.milestones(act, now)],
        "goals": [goal_dto(g, level) for g in work.goals],
        "sessions": [session_dto(s, work, level, user_id, now) for s in work.sessions],
        "my_side": side,
        "my_rating": getattr(m, f"{side}_rating") if side else None,
        "my_reflection": getattr(m, f"{side}_reflection") if side else None,
        "closed_by": [s for s in ("mentor", "mentee")
                      if getattr(m, f"{s}_rating") is not None] if side else None,
    }
