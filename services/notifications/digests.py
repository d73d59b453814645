"""Sending what mail is due: each person's digest over its fixed window (from where the last
one ended, so nothing the inbox holds is skipped), or, with digest NONE, each notice on its
own outside quiet hours. A window is marked sent only after the server took the message."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from services.notifications import mail, mailer, preferences, store, windows
from services.notifications.models import DeliverySettings, Notification, Person
from shared.clock import now

log = logging.getLogger(__name__)
INSTANT_HORIZON = timedelta(days=1)  # with NONE, older unsent notices are not mailed


def send_due(session: Session) -> int:
    sent = 0
    for person in store.people_with_mail(session):
        try:
            sent += _send_for(session, person, now())
        except Exception:  # SMTP down: the window stays due, tried again next time
            session.rollback()
            log.warning("mail to %s failed; will retry", person.id, exc_info=True)
    return sent


def _send_for(session: Session, person: Person, at: datetime) -> int:
    settings = store.settings_of(session, person.id)
    if settings.digest == "NONE":
        return _send_instant(session, person, settings, at)
    window = windows.due_window(settings.digest, at, settings.time_zone, settings.digested_until)
    if window is None:
        return 0
    notices = _emailed(session, person.id, store.notices_between(session, person.id, *window))
    if notices:
        mailer.send(mail.digest(person, notices, settings.digest, *window))
        _mark(notices, at)
    settings.digested_until = window[1]
    session.commit()
    return 1 if notices else 0


def _send_instant(session: Session, person: Person, settings: DeliverySettings,
                  at: datetime) -> int:
    if windows.in_quiet_hours(at, settings.time_zone, settings.quiet_from,
                              settings.quiet_until):
        return 0
    notices = [n for n in _emailed(session, person.id, store.notices_between(
        session, person.id, at - INSTANT_HORIZON, at + timedelta(seconds=1)))
        if n.emailed_at is None]
    for notice in notices:
        mailer.send(mail.single(person, notice))
        _mark([notice], at)
        session.commit()
    settings.digested_until = at  # a later digest starts after what was mailed one by one
    session.commit()
    return len(notices)


def _emailed(session: Session, person_id: str, notices: list[Notification]) -> list[Notification]:
    stored = store.kind_preferences(session, person_id)
    return [n for n in notices if preferences.effective(n.kind, stored.get(n.kind)).email]


def _mark(notices: list[Notification], at: datetime) -> None:
    for notice in notices:
        notice.emailed_at = at
