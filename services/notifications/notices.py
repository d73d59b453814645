"""The step every notifying event handler takes: the rule's notices recorded per person's
choices, announced for live delivery, and queued for the subject's team chat channels."""
from __future__ import annotations

import json

from services.notifications import domain, preferences, store
from services.notifications.dto import link, notice_payload
from services.notifications.models import ChatChannel, Notification
from shared import contracts
from shared.clock import now
from shared.contracts.notifications import NotificationCreated
from shared.db import Db


def record(db: Db, message: dict) -> list[Notification]:
    event = contracts.parse(message)
    notices = domain.notices_for(event, store.Directory(db.session))
    return record_notices(db, notices, message["event_id"])


def record_notices(db: Db, notices: list[domain.Notice], event_id: str) -> list[Notification]:
    """The notices recorded per each person's choices (once per event id, person and kind),
    announced for live delivery, and queued for the subject's team chat channels."""
    directory = store.Directory(db.session)
    at, made = now(), []
    channels = store.channels(db.session)
    for notice in domain.for_people(notices):
        if not store.is_active(db.session, notice.recipient_id):
            continue
        choice = preferences.effective(
            notice.kind, store.kind_preference(db.session, notice.recipient_id, notice.kind))
        if choice.in_app or choice.email:
            row = store.add_notification(db.session, notice, event_id, choice.in_app, at)
            if row is not None:
                made.append(row)
                if choice.in_app:
                    db.emit(created(row))
    for notice in domain.channel_notices(notices):
        _queue_chat(db, channels, notice, directory, event_id)
    return made


def created(row: Notification) -> NotificationCreated:
    return NotificationCreated(
        notification_id=row.id, recipient_id=row.recipient_id, kind=row.kind, title=row.title,
        body=row.body, subject_type=row.subject_type, subject_id=row.subject_id,
        subject_title=row.subject_title, created_at=row.created_at.isoformat(),
        link=link(row.subject_type, row.subject_id))


def _queue_chat(db: Db, channels: list[ChatChannel], notice: domain.Notice,
                directory: store.Directory, event_id: str) -> None:
    team = notice.team or directory.team_of(notice.owner_id)
    owner_choice = preferences.effective(
        notice.kind, notice.owner_id and store.kind_preference(db.session, notice.owner_id,
                                                              notice.kind))
    if not owner_choice.chat:
        return
    for channel in channels:
        if hears(channel, notice.kind, team):
            store.add_delivery(db.session, channel.id, event_id, notice.kind,
                               notice_payload(notice, event_id, now().isoformat()), now())


def hears(channel: ChatChannel, kind: str, team: str | None) -> bool:
    """A channel hears its kinds about its teams' things (every team's with none chosen)."""
    teams = json.loads(channel.team_ids)
    return kind in json.loads(channel.kinds) and (not teams or team in teams)


def learn_once(db: Db, message: dict, handler: str, learn) -> None:
    """Claims the event for `handler` (a redelivery does nothing), lets `learn` update the
    read model from its contract, commits: the handlers that tell nobody."""
    if not db.claim(message, handler):
        return
    learn(db.session, contracts.parse(message))
    db.commit()


def apply_once(db: Db, message: dict, handler: str, learn=None) -> None:
    """Claims the event for `handler` (a redelivery does nothing), lets `learn` update the
    read model from it, records its notices, commits."""
    if not db.claim(message, handler):
        return
    if learn is not None:
        learn(db.session, contracts.parse(message))
    record(db, message)
    db.commit()
