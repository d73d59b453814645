"""Steps several entrypoint mixins share: find a thing the viewer may read (NotFound
otherwise, as for an unknown id), and build the answer a viewer may see."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from services.growth import domain, store
from services.growth.dto import (
    action_item_dto,
    check_in_dto,
    goal_dto,
    meeting_dto,
    note_dto,
    point_dto,
)
from services.growth.models import CheckIn, Goal, Meeting, Series
from services.growth.people import Directory
from shared.errors import NotFound


def goal_chain(directory: Directory, goal) -> list[str]:
    return directory.chain(goal.owner_id) if goal.owner_id else []


def readable_goal(session: Session, directory: Directory, viewer, goal_id: str) -> Goal:
    goal = store.find_goal(session, goal_id)
    if not domain.may_read_goal(viewer, goal, goal_chain(directory, goal)):
        raise NotFound("no goal with that id")
    return goal


def goal_answers(session: Session, directory: Directory, viewer, goals: list[Goal]) -> list:
    """The goals the viewer may read, each with the ids of its readable children."""
    children: dict[str, list[str]] = {}
    for child in store.children_of(session, [g.id for g in goals]):
        if domain.may_read_goal(viewer, child, goal_chain(directory, child)):
            children.setdefault(child.parent_id, []).append(child.id)
    return [goal_dto(g, children.get(g.id, [])) for g in goals
            if domain.may_read_goal(viewer, g, goal_chain(directory, g))]


def goal_answer(session: Session, directory: Directory, viewer, goal: Goal) -> dict:
    return goal_answers(session, directory, viewer, [goal])[0]


def readable_check_in(session: Session, directory: Directory, viewer,
                      check_in_id: str) -> tuple[CheckIn, list[str]]:
    check_in = store.find_check_in(session, check_in_id)
    chain = directory.chain(check_in.person_id)
    if not domain.may_read_check_in(viewer, check_in.person_id, check_in.team, chain):
        raise NotFound("no check-in with that id")
    return check_in, chain


def check_in_answer(viewer, check_in: CheckIn, chain: list[str]) -> dict:
    return check_in_dto(check_in, domain.may_see_mood(viewer, check_in.person_id, chain))


def next_meeting(session: Session, series: Series, at: datetime) -> Meeting:
    when = domain.next_occurrence(series.starts_at, series.every_days, at)
    return store.meeting_at(session, series, when)


def participant_meeting(session: Session, viewer, meeting_id: str) -> Meeting:
    meeting = store.find_meeting(session, meeting_id)
    if not domain.is_participant(viewer, meeting.manager_id, meeting.report_id):
        raise NotFound("no one-on-one with that id")
    return meeting


def one_on_one_answer(session: Session, viewer, meeting: Meeting) -> dict:
    """The meeting with its agenda, the notes the viewer may read and the action items
    that carry into it."""
    series = store.find_series(session, meeting.series_id)
    previous = store.previous_meeting(session, meeting)
    answer = meeting_dto(meeting, series.every_days)
    answer["talking_points"] = [point_dto(p) for p in store.points_of(session, meeting.id)]
    answer["notes"] = [note_dto(n) for n in store.notes_of(session, meeting.id)
                       if domain.may_read_note(viewer, n.author_id, n.visibility)]
    since = previous.scheduled_at if previous else None
    answer["action_items"] = [action_item_dto(i)
                              for i in store.action_items_of(session, meeting, since)]
    return answer
