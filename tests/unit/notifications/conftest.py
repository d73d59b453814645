"""Fixtures of the notifications unit tests: workers of NotificationsService on a migrated
SQLite file (tests/support/workers.py), a clock file for fake time, envelopes of events."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.notifications.models import INBOX, OUTBOX
from services.notifications.service import NotificationsService
from shared import clock
from shared.identity import SYSTEM
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.workers import Workers


def envelope(event_type: str, source: str, **data) -> dict:
    return {"event_id": str(uuid.uuid4()), "event_type": event_type, "source": source,
            "occurred_at": datetime.now(UTC).isoformat(), "data": data}


class NotificationWorkers(Workers):
    def person(self, identity, name: str, email: str | None = None) -> None:
        self.handle("on_person_upserted", envelope(
            "person_upserted", "career", person_id=identity.user_id, name=name,
            team=identity.team, roles=list(identity.roles), email=email))

    def inbox(self, identity, **kwargs) -> list[dict]:
        return self.call("list_notifications", identity=identity, **kwargs)["items"]


@pytest.fixture
def notifications(tmp_path) -> NotificationWorkers:
    workers = NotificationWorkers(NotificationsService, tmp_path, OUTBOX, INBOX)
    workers.person(ANA, "Ana Silva", "ana@kaizen.example")
    workers.person(BEN, "Ben Okafor", "ben@kaizen.example")
    workers.person(CARLA, "Carla Reyes", "carla@kaizen.example")
    workers.person(ADMIN, "Ada Admin", "ada@kaizen.example")
    yield workers
    workers.close()


@pytest.fixture
def clock_file(tmp_path, monkeypatch):
    """A clock file every clock.now() reads; advance it with clock.advance(path, delta)."""
    path = tmp_path / "clock"
    path.write_text("0")
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    clock._cache.clear()
    yield path
    clock._cache.clear()


__all__ = ["SYSTEM", "envelope"]
