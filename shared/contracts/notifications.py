"""Events published by the notifications service: a notice for one person's inbox, which the
gateway pushes to that person's open subscriptions (and to nobody else)."""
from __future__ import annotations

from shared.contracts.base import Contract


class NotificationCreated(Contract):
    event_type = "notification_created"

    notification_id: str
    recipient_id: str
    kind: str
    title: str
    body: str
    subject_type: str
    subject_id: str
    subject_title: str
    created_at: str
    link: str = ""
