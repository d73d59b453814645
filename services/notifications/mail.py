"""E-mail messages: a digest grouped by idea or experiment (groups and items newest first),
or one notice; plain-text and HTML parts; a signed one-click List-Unsubscribe (RFC 8058)."""
from __future__ import annotations

import html
import os
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from services.notifications.domain import KINDS
from services.notifications.dto import link, public_url
from services.notifications.models import Notification, Person
from services.notifications.unsubscribe import DIGEST, make_token


def sender() -> str:
    return os.environ.get("KAIZEN_MAIL_FROM", "Kaizen <kaizen@kaizen.example>")


def unsubscribe_url(person_id: str, kind: str) -> str:
    return f"{public_url()}/notifications/unsubscribe?token={make_token(person_id, kind)}"


def grouped(notices: list[Notification]) -> list[tuple[str, list[Notification]]]:
    """(subject title, its notices) by subject, the group with the newest notice first."""
    groups: dict[tuple[str, str], list[Notification]] = {}
    for n in sorted(notices, key=lambda n: (n.created_at, n.id), reverse=True):
        groups.setdefault((n.subject_type, n.subject_id), []).append(n)
    return [(items[0].subject_title or items[0].title, items) for items in groups.values()]


def digest(person: Person, notices: list[Notification], cadence: str, start: datetime,
           end: datetime) -> EmailMessage:
    word = "weekly" if cadence == "WEEKLY" else "daily"
    subject = f"Your {word} Kaizen digest: {len(notices)} new"
    groups = grouped(notices)
    text = [f"Hello {person.name},", "", f"What happened from {start:%Y-%m-%d %H:%M} to "
            f"{end:%Y-%m-%d %H:%M} UTC:", ""]
    parts = [f"<p>Hello {html.escape(person.name)},</p>"]
    for title, items in groups:
        text += [f"== {title} ==", *[f"- {n.title}: {n.body}".rstrip(": ") + f"\n  {_link(n)}"
                                     for n in items], ""]
        parts.append(f"<h3>{html.escape(title)}</h3><ul>" + "".join(
            f'<li><a href="{html.escape(_link(n))}">{html.escape(n.title)}</a>'
            f"<br>{html.escape(n.body)}</li>" for n in items) + "</ul>")
    kinds = sorted({n.kind for n in notices})
    text += ["Stop these e-mails: " + unsubscribe_url(person.id, DIGEST),
             *[f"Stop e-mails about '{KINDS[k].label}': {unsubscribe_url(person.id, k)}"
               for k in kinds]]
    parts.append(f'<p><a href="{html.escape(unsubscribe_url(person.id, DIGEST))}">Stop these '
                 "e-mails</a></p>")
    return _message(person, subject, "\n".join(text), "".join(parts), DIGEST)


def single(person: Person, notice: Notification) -> EmailMessage:
    text = f"{notice.title}\n\n{notice.body}\n\n{_link(notice)}\n"
    body = (f'<p><a href="{html.escape(_link(notice))}">{html.escape(notice.title)}</a></p>'
            f"<p>{html.escape(notice.body)}</p>")
    return _message(person, notice.title, text, body, notice.kind)


def _link(notice: Notification) -> str:
    return link(notice.subject_type, notice.subject_id)


def _message(person: Person, subject: str, text: str, body: str, kind: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender(), person.email, subject
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = make_msgid(domain="kaizen.example")
    message["List-Unsubscribe"] = f"<{unsubscribe_url(person.id, kind)}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["X-Kaizen-Kind"] = kind
    message.set_content(text)
    message.add_alternative(f"<!doctype html><html><body>{body}</body></html>", subtype="html")
    return message
