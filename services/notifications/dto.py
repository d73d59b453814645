"""Rows to plain, JSON-safe dicts for RPC answers, chat payloads and mail."""
from __future__ import annotations

import json
import os

from services.notifications.domain import KINDS, Notice
from services.notifications.models import ChatChannel, Delivery, DeliverySettings, Notification
from services.notifications.preferences import Choice

PATHS = {"IDEA": "ideas/{id}", "EXPERIMENT": "experiments/{id}",
         "OPPORTUNITY": "marketplace/{id}", "MENTORING": "marketplace",
         "MENTORSHIP": "mentoring/{id}", "MENTORING_PROGRAMME": "mentoring/programme/{id}",
         "REFLECTION": "reflections", "CHECK_IN": "growth/check-in",
         "ONE_ON_ONE": "growth/one-on-ones/{id}", "KUDOS": "growth/kudos"}


def public_url() -> str:
    """Where people open Kaizen (links in mail and chat): KAIZEN_PUBLIC_URL."""
    port = os.environ.get("KAIZEN_PORT", "8000")
    return os.environ.get("KAIZEN_PUBLIC_URL", f"http://127.0.0.1:{port}").rstrip("/")


def link(subject_type: str, subject_id: str) -> str:
    path = PATHS.get(subject_type, "").format(id=subject_id)
    return f"{public_url()}/#/{path}"


def notification_dto(row: Notification) -> dict:
    return {"id": row.id, "kind": row.kind, "title": row.title, "body": row.body,
            "subject_type": row.subject_type, "subject_id": row.subject_id,
            "subject_title": row.subject_title, "actor_id": row.actor_id,
            "link": link(row.subject_type, row.subject_id),
            "created_at": row.created_at.isoformat(),
            "read_at": row.read_at.isoformat() if row.read_at else None}


def notice_payload(notice: Notice, event_id: str, created_at: str) -> dict:
    """A chat delivery's notice, kept with the delivery so a retry sends the same message."""
    return {"id": event_id, "kind": notice.kind, "kind_label": KINDS[notice.kind].label,
            "title": notice.title, "body": notice.body, "subject_type": notice.subject_type,
            "subject_id": notice.subject_id, "subject_title": notice.subject_title,
            "link": link(notice.subject_type, notice.subject_id), "created_at": created_at}


def preferences_dto(choices: list[Choice], settings: DeliverySettings) -> dict:
    quiet = ({"from": settings.quiet_from, "until": settings.quiet_until}
             if settings.quiet_from and settings.quiet_until else None)
    return {"kinds": [{"kind": c.kind, "label": KINDS[c.kind].label,
                       "team_visible": KINDS[c.kind].team_visible, "in_app": c.in_app,
                       "email": c.email, "chat": c.chat} for c in choices],
            "digest": settings.digest or "DAILY", "time_zone": settings.time_zone or "UTC",
            "quiet_hours": quiet}


def channel_dto(row: ChatChannel) -> dict:
    return {"id": row.id, "kind": row.kind, "url": row.url,
            "team_ids": json.loads(row.team_ids), "kinds": json.loads(row.kinds),
            "created_by": row.created_by, "created_at": row.created_at.isoformat()}


def delivery_dto(row: Delivery) -> dict:
    notice = json.loads(row.payload)
    return {"id": row.id, "channel_id": row.channel_id, "kind": row.kind,
            "title": notice.get("title", ""), "status": row.status, "attempts": row.attempts,
            "next_attempt_at": row.next_attempt_at.isoformat() if row.status == "PENDING"
            else None, "last_error": row.last_error, "created_at": row.created_at.isoformat(),
            "delivered_at": row.delivered_at.isoformat() if row.delivered_at else None}
