"""Delivering due chat messages: each is leased (so two instances never send one twice),
posted outside any transaction, then marked delivered, rescheduled with exponential backoff,
or parked after the last attempt."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from services.notifications import sender, store
from services.notifications.dto import public_url
from services.notifications.models import ChatChannel, Delivery
from services.notifications.targets import next_attempt
from shared.clock import now

LEASE = timedelta(minutes=5)  # a crashed sender's delivery is due again after this


def send_due(session: Session) -> int:
    """Sends what is due; `session` (the worker's) only reads which ones."""
    engine = session.get_bind()
    due = [d.id for d in store.due_deliveries(session, now())]
    session.rollback()
    return sum(_send_one(engine, delivery_id) for delivery_id in due)


def _send_one(engine: Engine, delivery_id: str) -> bool:
    if not _lease(engine, delivery_id):
        return False  # another sender took it
    with Session(engine) as session:
        delivery = session.get(Delivery, delivery_id)
        channel = session.get(ChatChannel, delivery.channel_id)
        target = (channel.kind, channel.url, channel.secret, json.loads(delivery.payload))
    error = sender.post(*target)
    with Session(engine) as session, session.begin():
        record_attempt(session.get(Delivery, delivery_id), error, now())
    return error is None


def _lease(engine: Engine, delivery_id: str) -> bool:
    at = now()
    with Session(engine) as session, session.begin():
        leased = session.execute(update(Delivery).where(
            Delivery.id == delivery_id, Delivery.status == "PENDING",
            Delivery.next_attempt_at <= at).values(next_attempt_at=at + LEASE))
        return leased.rowcount == 1


def record_attempt(delivery: Delivery, error: str | None, at: datetime) -> None:
    delivery.attempts += 1
    if error is None:
        delivery.status, delivery.delivered_at, delivery.last_error = "DELIVERED", at, None
        return
    delivery.last_error = error
    retry = next_attempt(delivery.attempts, at)
    if retry is None:
        delivery.status = "PARKED"
    else:
        delivery.next_attempt_at = retry


def requeue(delivery: Delivery, at: datetime) -> None:
    delivery.status, delivery.attempts, delivery.next_attempt_at = "PENDING", 0, at


def send_test(channel: ChatChannel) -> str | None:
    notice = {"id": "test", "kind": "TEST", "kind_label": "A test from Kaizen",
              "title": "Kaizen is connected", "body": "Notices you chose will arrive here.",
              "subject_type": "TEST", "subject_id": "", "subject_title": "",
              "link": public_url(), "created_at": now().isoformat()}
    return sender.post(channel.kind, channel.url, channel.secret, notice)
