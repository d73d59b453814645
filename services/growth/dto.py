"""Plain, JSON-safe dicts of the growth service's rows for RPC answers. What a viewer may
not see (a mood outside the manager chain) is left out here, by the caller's say."""
from __future__ import annotations

from services.growth import domain
from services.growth.models import (
    ActionItem,
    CheckIn,
    Goal,
    KeyResult,
    Kudos,
    Meeting,
    Note,
    Reaction,
    TalkingPoint,
)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def key_result_dto(kr: KeyResult) -> dict:
    return {
        "id": kr.id, "goal_id": kr.goal_id, "title": kr.title, "start": kr.start,
        "target": kr.target, "current": kr.current, "unit": kr.unit,
        "experiment_id": kr.experiment_id, "updated_at": _iso(kr.updated_at),
        "progress": domain.key_result_progress(kr.start, kr.target, kr.current),
    }


def goal_dto(goal: Goal, child_ids: list[str] | None = None) -> dict:
    key_results = [key_result_dto(kr) for kr in goal.key_results]
    return {
        "id": goal.id, "title": goal.title, "description": goal.description,
        "owner_id": goal.owner_id, "team": goal.team, "period": goal.period,
        "visibility": goal.visibility, "parent_id": goal.parent_id,
        "created_by": goal.created_by, "created_at": _iso(goal.created_at),
        "updated_at": _iso(goal.updated_at), "key_results": key_results,
        "progress": domain.goal_progress([kr["progress"] for kr in key_results]),
        "child_ids": child_ids or [],
    }


def reaction_dto(reaction: Reaction) -> dict:
    return {"id": reaction.id, "author_id": reaction.author_id, "emoji": reaction.emoji,
            "comment": reaction.comment, "created_at": _iso(reaction.created_at)}


def check_in_dto(check_in: CheckIn, show_mood: bool) -> dict:
    def of(kind: str) -> list:
        return [i for i in check_in.items if i.kind == kind]

    return {
        "id": check_in.id, "person_id": check_in.person_id, "team": check_in.team,
        "week_of": check_in.week_of.isoformat(),
        "plans": [{"text": i.text, "done": i.done, "carried": i.carried} for i in of("PLAN")],
        "progress": [i.text for i in of("PROGRESS")],
        "problems": [{"index": n, "text": i.text, "idea_id": i.idea_id}
                     for n, i in enumerate(of("PROBLEM"))],
        "mood": check_in.mood if show_mood else None,
        "submitted_at": _iso(check_in.submitted_at), "updated_at": _iso(check_in.updated_at),
        "reactions": [reaction_dto(r) for r in check_in.reactions],
    }


def meeting_dto(meeting: Meeting, every_days: int) -> dict:
    return {"id": meeting.id, "series_id": meeting.series_id,
            "manager_id": meeting.manager_id, "report_id": meeting.report_id,
            "scheduled_at": _iso(meeting.scheduled_at), "every_days": every_days,
            "reminded_at": _iso(meeting.reminded_at)}


def point_dto(point: TalkingPoint) -> dict:
    return {"id": point.id, "author_id": point.author_id, "text": point.text,
            "check_in_id": point.check_in_id, "created_at": _iso(point.created_at)}


def note_dto(note: Note) -> dict:
    return {"id": note.id, "author_id": note.author_id, "body": note.body,
            "visibility": note.visibility, "created_at": _iso(note.created_at)}


def action_item_dto(item: ActionItem) -> dict:
    """The shape the career service's mentoring action items share (issue 22)."""
    return {"id": item.id, "text": item.text, "owner_id": item.owner_id, "done": item.done,
            "created_at": _iso(item.created_at), "completed_at": _iso(item.completed_at)}


def kudos_dto(kudos: Kudos) -> dict:
    return {
        "id": kudos.id, "from_id": kudos.from_id, "to_person_id": kudos.to_person_id,
        "to_team_id": kudos.team if kudos.to_team else None, "team": kudos.team,
        "message": kudos.message, "visibility": kudos.visibility, "skill": kudos.skill,
        "link": {"kind": kudos.link_kind, "id": kudos.link_id} if kudos.link_kind else None,
        "created_at": _iso(kudos.created_at),
    }
