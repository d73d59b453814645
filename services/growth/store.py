"""Every query and write of the growth service: `find_x` raises NotFound, batch reads take
lists of ids, and a check-in is written whole (its items replaced) in one transaction."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from services.growth import domain
from services.growth.models import (
    ActionItem,
    CheckIn,
    CheckInItem,
    CheckInReminder,
    Goal,
    KeyResult,
    KeyResultUpdate,
    Kudos,
    Meeting,
    Note,
    Reaction,
    Series,
    TalkingPoint,
)
from services.growth.validation import GoalFields, KeyResultFields, KudosFields
from shared.errors import NotFound


def _id() -> str:
    return str(uuid.uuid4())


# --- goals ------------------------------------------------------------------------------

def find_goal(session: Session, goal_id: str) -> Goal:
    goal = session.get(Goal, str(goal_id))
    if goal is None:
        raise NotFound("no goal with that id")
    return goal


def goal_or_none(session: Session, goal_id: str | None) -> Goal | None:
    return session.get(Goal, str(goal_id)) if goal_id else None


def add_goal(session: Session, fields: GoalFields, owner_team: str | None, by: str,
             at: datetime) -> Goal:
    goal = Goal(id=_id(), title=fields.title, description=fields.description,
                owner_id=fields.owner_id, team=fields.team or owner_team, period=fields.period,
                visibility=fields.visibility, parent_id=fields.parent_id, created_by=by,
                created_at=at, updated_at=at)
    session.add(goal)
    add_key_results(session, goal, fields.key_results, at)
    return goal


def add_key_results(session: Session, goal: Goal, key_results: list[KeyResultFields],
                    at: datetime) -> None:
    first = len(goal.key_results)
    for n, kr in enumerate(key_results):
        goal.key_results.append(KeyResult(
            id=_id(), position=first + n, title=kr.title, start=kr.start, target=kr.target,
            current=kr.current, unit=kr.unit, experiment_id=kr.experiment_id, updated_at=at))
    session.flush()


def goal_listing(session: Session, owner_id: str | None, team: str | None,
                 period: str | None) -> list[Goal]:
    query = select(Goal).order_by(Goal.created_at, Goal.id)
    if owner_id:
        query = query.where(Goal.owner_id == owner_id)
    if team:
        query = query.where(Goal.team == team)
    if period:
        query = query.where(Goal.period == period)
    return list(session.scalars(query).all())


def goals_by_id(session: Session, ids: list[str]) -> list[Goal]:
    return list(session.scalars(select(Goal).where(Goal.id.in_(ids))).all())


def children_of(session: Session, goal_ids: list[str]) -> list[Goal]:
    query = select(Goal).where(Goal.parent_id.in_(goal_ids)).order_by(Goal.created_at)
    return list(session.scalars(query).all())


def find_key_result(session: Session, key_result_id: str) -> KeyResult:
    kr = session.get(KeyResult, str(key_result_id))
    if kr is None:
        raise NotFound("no key result with that id")
    return kr


def key_results_of_experiment(session: Session, experiment_id: str) -> list[KeyResult]:
    query = select(KeyResult).where(KeyResult.experiment_id == experiment_id)
    return list(session.scalars(query).all())


def record_key_result(session: Session, kr: KeyResult, value: float, note: str, by: str,
                      at: datetime) -> None:
    kr.current, kr.updated_at = value, at
    session.add(KeyResultUpdate(key_result_id=kr.id, value=value, note=note, updated_by=by,
                                updated_at=at))
    session.flush()


def key_result_history(session: Session, key_result_id: str) -> list[KeyResultUpdate]:
    query = select(KeyResultUpdate).where(KeyResultUpdate.key_result_id == key_result_id)
    return list(session.scalars(query.order_by(KeyResultUpdate.seq)).all())


# --- check-ins --------------------------------------------------------------------------

def find_check_in(session: Session, check_in_id: str) -> CheckIn:
    found = session.get(CheckIn, str(check_in_id))
    if found is None:
        raise NotFound("no check-in with that id")
    return found


def check_in_of(session: Session, person_id: str, week: date) -> CheckIn | None:
    return session.scalar(select(CheckIn).where(CheckIn.person_id == person_id,
                                                CheckIn.week_of == week))


def previous_check_in(session: Session, person_id: str, week: date) -> CheckIn | None:
    query = select(CheckIn).where(CheckIn.person_id == person_id, CheckIn.week_of < week)
    return session.scalar(query.order_by(CheckIn.week_of.desc()).limit(1))


def write_check_in(session: Session, person_id: str, team: str | None, week: date,
                   mood: int | None, items: list[tuple[str, str, bool, str | None]],
                   at: datetime) -> CheckIn:
    """items: (kind, text, carried, idea_id), in order; a second check-in of the week
    replaces the first's items."""
    check_in = check_in_of(session, person_id, week)
    if check_in is None:
        check_in = CheckIn(id=_id(), person_id=person_id, week_of=week, submitted_at=at)
        session.add(check_in)
    check_in.team, check_in.mood, check_in.updated_at = team, mood, at
    check_in.items.clear()
    session.flush()
    for n, (kind, text, carried, idea_id) in enumerate(items):
        check_in.items.append(CheckInItem(id=_id(), kind=kind, position=n, text=text,
                                          carried=carried, idea_id=idea_id))
    session.flush()
    return check_in


def check_ins_of(session: Session, person_id: str, limit: int) -> list[CheckIn]:
    query = select(CheckIn).where(CheckIn.person_id == person_id)
    return list(session.scalars(query.order_by(CheckIn.week_of.desc()).limit(limit)).all())


def team_check_ins(session: Session, people: list[str], week: date) -> list[CheckIn]:
    query = select(CheckIn).where(CheckIn.person_id.in_(people), CheckIn.week_of == week)
    return list(session.scalars(query).all())


def team_ideas(session: Session, people: list[str]) -> list[CheckInItem]:
    """The problems of these people's check-ins that became ideas, newest first."""
    query = (select(CheckInItem).join(CheckIn)
             .where(CheckIn.person_id.in_(people), CheckInItem.idea_id.is_not(None))
             .order_by(CheckIn.week_of.desc(), CheckInItem.position))
    return list(session.scalars(query).all())


def add_reaction(session: Session, check_in: CheckIn, by: str, emoji: str | None,
                 comment: str, at: datetime) -> Reaction:
    reaction = Reaction(id=_id(), author_id=by, emoji=emoji, comment=comment, created_at=at)
    check_in.reactions.append(reaction)
    session.flush()
    return reaction


def people_checked_in_since(session: Session, since: date) -> set[str]:
    query = select(CheckIn.person_id).where(CheckIn.week_of >= since).distinct()
    return set(session.scalars(query).all())


def checked_in(session: Session, week: date) -> set[str]:
    return set(session.scalars(select(CheckIn.person_id).where(CheckIn.week_of == week)))


def reminded(session: Session, week: date) -> set[str]:
    query = select(CheckInReminder.person_id).where(CheckInReminder.week_of == week)
    return set(session.scalars(query).all())


def record_reminder(session: Session, person_id: str, week: date, at: datetime) -> None:
    session.add(CheckInReminder(person_id=person_id, week_of=week, sent_at=at))
    session.flush()


# --- one-on-ones ----------------------------------------------------------------------------

def series_of_pair(session: Session, manager_id: str, report_id: str) -> Series | None:
    return session.scalar(select(Series).where(Series.manager_id == manager_id,
                                               Series.report_id == report_id))


def save_series(session: Session, manager_id: str, report_id: str, every_days: int,
                starts_at: datetime, at: datetime) -> Series:
    series = series_of_pair(session, manager_id, report_id)
    if series is None:
        series = Series(id=_id(), manager_id=manager_id, report_id=report_id, created_at=at)
        session.add(series)
    series.every_days, series.starts_at = every_days, starts_at
    session.flush()
    return series


def drop_empty_meetings_after(session: Session, series: Series, at: datetime) -> None:
    """A new rhythm removes the upcoming meetings nobody has prepared yet."""
    for meeting in session.scalars(select(Meeting).where(
            Meeting.series_id == series.id, Meeting.scheduled_at > at)).all():
        if not any(session.scalar(select(model.id).where(
                model.one_on_one_id == meeting.id).limit(1))
                for model in (TalkingPoint, Note, ActionItem)):
            session.delete(meeting)
    session.flush()


def meeting_at(session: Session, series: Series, when: datetime) -> Meeting:
    """The meeting of the series at `when`, made when it is not there yet."""
    found = session.scalar(select(Meeting).where(Meeting.series_id == series.id,
                                                 Meeting.scheduled_at == when))
    if found is None:
        found = Meeting(id=_id(), series_id=series.id, manager_id=series.manager_id,
                        report_id=series.report_id, scheduled_at=when)
        session.add(found)
        session.flush()
    return found


def series_of(session: Session, person_id: str) -> list[Series]:
    query = select(Series).where(or_(Series.manager_id == person_id,
                                     Series.report_id == person_id))
    return list(session.scalars(query).all())


def all_series(session: Session) -> list[Series]:
    return list(session.scalars(select(Series)).all())


def find_series(session: Session, series_id: str) -> Series:
    return session.get(Series, series_id)


def meetings_of(session: Session, person_id: str) -> list[Meeting]:
    query = select(Meeting).where(or_(Meeting.manager_id == person_id,
                                      Meeting.report_id == person_id))
    return list(session.scalars(query.order_by(Meeting.scheduled_at.desc())).all())


def find_meeting(session: Session, meeting_id: str) -> Meeting:
    found = session.get(Meeting, str(meeting_id))
    if found is None:
        raise NotFound("no one-on-one with that id")
    return found


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    query = select(Meeting).where(Meeting.series_id == meeting.series_id,
                                  Meeting.scheduled_at < meeting.scheduled_at)
    return session.scalar(query.order_by(Meeting.scheduled_at.desc()).limit(1))


def meetings_unreminded(session: Session, after: datetime, until: datetime) -> list[Meeting]:
    query = select(Meeting).where(Meeting.reminded_at.is_(None), Meeting.scheduled_at > after,
                                  Meeting.scheduled_at <= until)
    return list(session.scalars(query).all())


def add_point(session: Session, meeting: Meeting, by: str, text: str, at: datetime,
              check_in_id: str | None = None) -> TalkingPoint:
    point = TalkingPoint(id=_id(), one_on_one_id=meeting.id, author_id=by, text=text,
                         check_in_id=check_in_id, created_at=at)
    session.add(point)
    session.flush()
    return point


def points_of(session: Session, meeting_id: str) -> list[TalkingPoint]:
    query = select(TalkingPoint).where(TalkingPoint.one_on_one_id == meeting_id)
    return list(session.scalars(query.order_by(TalkingPoint.created_at)).all())


def add_note(session: Session, meeting: Meeting, by: str, body: str, visibility: str,
             at: datetime) -> Note:
    note = Note(id=_id(), one_on_one_id=meeting.id, author_id=by, body=body,
                visibility=visibility, created_at=at)
    session.add(note)
    session.flush()
    return note


def notes_of(session: Session, meeting_id: str) -> list[Note]:
    query = select(Note).where(Note.one_on_one_id == meeting_id)
    return list(session.scalars(query.order_by(Note.created_at)).all())


def add_action_item(session: Session, meeting: Meeting, text: str, owner_id: str,
                    at: datetime) -> ActionItem:
    item = ActionItem(id=_id(), series_id=meeting.series_id, one_on_one_id=meeting.id,
                      text=text, owner_id=owner_id, done=False, created_at=at)
    session.add(item)
    session.flush()
    return item


def find_action_item(session: Session, item_id: str) -> ActionItem:
    found = session.get(ActionItem, str(item_id))
    if found is None:
        raise NotFound("no action item with that id")
    return found


def action_items_of(session: Session, meeting: Meeting, since: datetime | None) -> list:
    """Made in this meeting, or before it and open, or closed since the last one."""
    query = select(ActionItem).join(Meeting, ActionItem.one_on_one_id == Meeting.id).where(
        ActionItem.series_id == meeting.series_id,
        Meeting.scheduled_at <= meeting.scheduled_at)
    found = session.scalars(query.order_by(ActionItem.created_at)).all()
    return [i for i in found if i.one_on_one_id == meeting.id or not i.done
            or (since is not None and i.completed_at > since)]


# --- kudos ------------------------------------------------------------------------------

def add_kudos(session: Session, by: str, fields: KudosFields, team: str | None,
              at: datetime) -> Kudos:
    kudos = Kudos(id=_id(), from_id=by, to_person_id=fields.to_person_id, team=team,
                  to_team=fields.to_team is not None, message=fields.message,
                  link_kind=fields.link_kind, link_id=fields.link_id, skill=fields.skill,
                  visibility=fields.visibility, created_at=at)
    session.add(kudos)
    session.flush()
    return kudos


def kudos_of_team(session: Session, team: str, members: list[str], since: datetime | None,
                  offset: int = 0, limit: int | None = None) -> list[Kudos]:
    """Kudos to the team or its members, or given by its members, newest first."""
    query = select(Kudos).where(or_(Kudos.team == team, Kudos.from_id.in_(members)))
    if since is not None:
        query = query.where(Kudos.created_at >= since)
    query = query.order_by(Kudos.created_at.desc(), Kudos.id).offset(offset)
    return list(session.scalars(query.limit(limit) if limit else query).all())


def kudos_feed(session: Session, team: str, viewer_id: str, viewer_team: str | None,
               offset: int, limit: int) -> tuple[list[Kudos], int]:
    """The kudos a team and its members received that the viewer may read, newest first
    (the same rule as domain.may_read_kudos, as SQL so pages stay full)."""
    readable = or_(Kudos.visibility == "PUBLIC", Kudos.from_id == viewer_id,
                   Kudos.to_person_id == viewer_id,
                   Kudos.to_team.is_(True) & (Kudos.team == (viewer_team or "")))
    where = (Kudos.team == team) & readable
    total = session.scalar(select(func.count()).select_from(Kudos).where(where))
    query = select(Kudos).where(where).order_by(Kudos.created_at.desc(), Kudos.id)
    return list(session.scalars(query.offset(offset).limit(limit)).all()), total


def kudos_by_id(session: Session, kudos_id: str) -> Kudos:
    found = session.get(Kudos, str(kudos_id))
    if found is None:
        raise NotFound("no kudos with that id")
    return found


def mark_plans_done(check_in: CheckIn, texts: list[str]) -> None:
    """The check-in's plans named in `texts` (any case and spacing) are done."""
    keys = {domain.key(t) for t in texts}
    for item in check_in.items:
        if item.kind == "PLAN" and domain.key(item.text) in keys:
            item.done = True


def complete_action_item(item: ActionItem, at: datetime) -> None:
    if not item.done:
        item.done, item.completed_at = True, at
