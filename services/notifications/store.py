"""Every query and write of the notifications service."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from services.notifications.domain import IdeaRef, Notice, OpportunityRef
from services.notifications.models import (
    ChatChannel,
    Delivery,
    DeliverySettings,
    IdeaRow,
    KindPreference,
    Notification,
    OpportunityRow,
    Person,
    WatchedExperiment,
)
from shared.errors import NotFound


class Directory:
    """domain.Directory over the read model, cached for one event."""

    def __init__(self, session: Session):
        self.session = session

    def idea(self, idea_id: str) -> IdeaRef | None:
        row = self.session.get(IdeaRow, idea_id)
        if row is None:
            return None
        return IdeaRef(row.id, row.title, row.author_id, row.area, self.team_of(row.author_id))

    def opportunity(self, opportunity_id: str) -> OpportunityRef | None:
        row = self.session.get(OpportunityRow, opportunity_id)
        return row and OpportunityRef(row.id, row.title, row.owner_id)

    def reviewers_for(self, teams: set[str]) -> list[str]:
        query = select(Person).where(Person.roles.contains("reviewer"), Person.active)
        if teams:
            query = query.where(Person.team.in_(teams))
        people = self.session.scalars(query.order_by(Person.id))
        return [p.id for p in people if "reviewer" in p.roles.split()]

    def name_of(self, person_id: str | None) -> str:
        person = person_id and self.session.get(Person, person_id)
        return person.name if person and person.name else "Someone"

    def team_of(self, person_id: str | None) -> str | None:
        person = person_id and self.session.get(Person, person_id)
        return person.team if person else None


def upsert_person(session: Session, person_id: str, name: str, team: str | None,
                  roles: list[str], email: str | None) -> None:
    person = session.get(Person, person_id) or Person(id=person_id)
    person.name, person.team, person.roles = name, team, " ".join(roles)
    person.email = email or person.email
    session.add(person)


def upsert_idea(session: Session, idea_id: str, title: str, author_id: str,
                area: str | None) -> None:
    row = session.get(IdeaRow, idea_id) or IdeaRow(id=idea_id)
    row.title, row.author_id, row.area = title, author_id, area
    session.add(row)


def upsert_opportunity(session: Session, opportunity_id: str, title: str,
                       owner_id: str) -> None:
    row = session.get(OpportunityRow, opportunity_id) or OpportunityRow(id=opportunity_id)
    row.title, row.owner_id = title, owner_id
    session.add(row)


def set_active(session: Session, person_id: str, active: bool) -> None:
    person = session.get(Person, person_id)
    if person is not None:
        person.active = active


def is_active(session: Session, person_id: str) -> bool:
    """False for a person career deactivated; True for one not learnt yet (their
    person_upserted may still be on its way)."""
    person = session.get(Person, person_id)
    return person is None or person.active


def find_person(session: Session, person_id: str) -> Person | None:
    return session.get(Person, person_id)


def add_notification(session: Session, notice: Notice, event_id: str, in_app: bool,
                     at: datetime) -> Notification | None:
    """None when this event already told this person this kind (a redelivery)."""
    seen = session.scalar(select(Notification.id).where(
        Notification.event_id == event_id, Notification.recipient_id == notice.recipient_id,
        Notification.kind == notice.kind))
    if seen:
        return None
    row = Notification(id=str(uuid.uuid4()), recipient_id=notice.recipient_id,
                       kind=notice.kind, title=notice.title, body=notice.body,
                       subject_type=notice.subject_type, subject_id=notice.subject_id,
                       subject_title=notice.subject_title, actor_id=notice.actor_id,
                       event_id=event_id, in_app=in_app, created_at=at)
    session.add(row)
    return row


def inbox(session: Session, person_id: str, unread_only: bool):
    query = select(Notification).where(Notification.recipient_id == person_id,
                                       Notification.in_app.is_(True))
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return query


def inbox_page(session: Session, person_id: str, unread_only: bool, offset: int,
               limit: int) -> tuple[list[Notification], int]:
    query = inbox(session, person_id, unread_only)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(Notification.created_at.desc(),
                                          Notification.id.desc()).offset(offset).limit(limit))
    return list(rows), total or 0


def unread_count(session: Session, person_id: str) -> int:
    query = inbox(session, person_id, unread_only=True)
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def mark_read(session: Session, person_id: str, ids: list[str] | None, at: datetime) -> int:
    """Marks the person's own notices read (all of them when `ids` is None)."""
    query = update(Notification).where(Notification.recipient_id == person_id,
                                       Notification.read_at.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    return session.execute(query.values(read_at=at)).rowcount


def kind_preferences(session: Session, person_id: str) -> dict[str, KindPreference]:
    rows = session.scalars(select(KindPreference).where(KindPreference.person_id == person_id))
    return {row.kind: row for row in rows}


def kind_preference(session: Session, person_id: str, kind: str) -> KindPreference | None:
    return session.get(KindPreference, (person_id, kind))


def set_kind_preference(session: Session, person_id: str, kind: str, in_app: bool,
                        email: bool, chat: bool) -> None:
    row = session.get(KindPreference, (person_id, kind)) or KindPreference(
        person_id=person_id, kind=kind)
    row.in_app, row.email, row.chat = in_app, email, chat
    session.add(row)


def settings_of(session: Session, person_id: str, lock: bool = False) -> DeliverySettings:
    row = session.get(DeliverySettings, person_id, with_for_update=lock)
    if row is None:
        row = DeliverySettings(person_id=person_id, digest="DAILY", time_zone="UTC")
        session.add(row)
    return row


def people_with_mail(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.email.is_not(None), Person.active)
                                .order_by(Person.id)))


def notices_between(session: Session, person_id: str, start: datetime,
                    end: datetime) -> list[Notification]:
    return list(session.scalars(select(Notification).where(
        Notification.recipient_id == person_id, Notification.created_at >= start,
        Notification.created_at < end).order_by(Notification.created_at.desc())))


def add_channel(session: Session, channel_id: str, kind: str, url: str, secret: str,
                team_ids: tuple[str, ...], kinds: tuple[str, ...], by: str,
                at: datetime) -> ChatChannel:
    row = ChatChannel(id=channel_id, kind=kind, url=url, secret=secret,
                      team_ids=json.dumps(list(team_ids)), kinds=json.dumps(list(kinds)),
                      created_by=by, created_at=at)
    session.add(row)
    return row


def channels(session: Session) -> list[ChatChannel]:
    return list(session.scalars(select(ChatChannel).order_by(ChatChannel.created_at)))


def find_channel(session: Session, channel_id: str) -> ChatChannel:
    row = session.get(ChatChannel, channel_id)
    if row is None:
        raise NotFound(f"chat channel {channel_id} not found")
    return row


def delete_channel(session: Session, channel: ChatChannel) -> None:
    session.delete(channel)


def add_delivery(session: Session, channel_id: str, event_id: str, kind: str, payload: dict,
                 at: datetime) -> bool:
    if session.scalar(select(Delivery.id).where(Delivery.channel_id == channel_id,
                                                Delivery.event_id == event_id)):
        return False
    session.add(Delivery(id=str(uuid.uuid4()), channel_id=channel_id, event_id=event_id,
                         kind=kind, payload=json.dumps(payload), status="PENDING",
                         attempts=0, next_attempt_at=at, created_at=at))
    return True


def due_deliveries(session: Session, at: datetime, limit: int = 20) -> list[Delivery]:
    query = (select(Delivery).where(Delivery.status == "PENDING",
                                    Delivery.next_attempt_at <= at)
             .order_by(Delivery.next_attempt_at).limit(limit))
    return list(session.scalars(query))


def deliveries(session: Session, status: str | None) -> list[Delivery]:
    query = select(Delivery).order_by(Delivery.created_at.desc()).limit(200)
    if status:
        query = query.where(Delivery.status == status)
    return list(session.scalars(query))


def find_delivery(session: Session, delivery_id: str) -> Delivery:
    row = session.get(Delivery, delivery_id)
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found")
    return row


def watched_experiment(session: Session, experiment_id: str) -> WatchedExperiment | None:
    return session.get(WatchedExperiment, experiment_id)


def watch_experiment(session: Session, experiment_id: str, title: str, owner_id: str,
                     member_ids: list[str]) -> WatchedExperiment:
    row = session.get(WatchedExperiment, experiment_id) or WatchedExperiment(id=experiment_id)
    row.title, row.owner_id, row.member_ids = title, owner_id, json.dumps(member_ids)
    session.add(row)
    return row


def running_experiments(session: Session) -> list[WatchedExperiment]:
    return list(session.scalars(select(WatchedExperiment).where(
        WatchedExperiment.started_at.is_not(None), WatchedExperiment.concluded.is_(False))))


def people_asking(session: Session, kind: str) -> list[str]:
    """Who turned `kind` on in the app or by e-mail (for kinds that are off by default)."""
    return list(session.scalars(select(KindPreference.person_id).join(
        Person, Person.id == KindPreference.person_id).where(
        KindPreference.kind == kind, Person.active,
        (KindPreference.in_app.is_(True)) | (KindPreference.email.is_(True)))))


def conclude_watch(session: Session, experiment_id: str) -> None:
    row = session.get(WatchedExperiment, experiment_id)
    if row is not None:
        row.concluded = True


def watch_points(row: WatchedExperiment) -> list[datetime]:
    return [datetime.fromisoformat(t) for t in json.loads(row.point_times)]


def add_watch_point(row: WatchedExperiment, at: datetime, kept: int) -> None:
    points = sorted({*json.loads(row.point_times), at.isoformat()})
    row.point_times = json.dumps(points[-kept:])


def watch_members(row: WatchedExperiment) -> list[str]:
    return json.loads(row.member_ids)
