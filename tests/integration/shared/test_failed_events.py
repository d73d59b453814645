"""A handler that fails does not lose its event: it is retried with backoff, and after the
last attempt parked in the consumer's failed_events table, never hot-looping; after the fix
`kaizen-admin events replay` delivers it. Ideas publishes, notifications consumes, on a
real broker with real databases."""
from __future__ import annotations

import eventlet
import pytest
from sqlalchemy import select

from admin.cli import main as kaizen_admin
from services.ideas.service import IdeasService
from services.notifications import store
from services.notifications.models import FAILED_EVENTS, IdeaRow
from services.notifications.service import NotificationsService
from tests.integration.ideas.support import call
from tests.support.services import rows

QUEUE = "evt-ideas-idea_submitted--notifications.on_idea_submitted"


def wait_for(condition, timeout: float = 20.0):
    with eventlet.Timeout(timeout):
        while not (found := condition()):
            eventlet.sleep(0.05)
    return found


class Breaks:
    """store.upsert_idea that raises its first `times` calls (None: every call)."""

    def __init__(self, real, times: int | None = None):
        self.real, self.times, self.calls = real, times, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.times is None or self.calls <= self.times:
            raise RuntimeError("a bug in upsert_idea")
        return self.real(*args, **kwargs)


@pytest.fixture
def services(start_service, make_db, monkeypatch, rabbit_config):
    monkeypatch.setenv("KAIZEN_EVENT_ATTEMPTS", "3")
    monkeypatch.setenv("KAIZEN_EVENT_RETRY_DELAY", "0.2")
    monkeypatch.setenv("KAIZEN_EVENT_RETRY_MAX_DELAY", "1")
    notifications_url = make_db("notifications")
    monkeypatch.setenv("KAIZEN_NOTIFICATIONS_DB_URL", notifications_url)
    monkeypatch.setenv("AMQP_URI", rabbit_config["AMQP_URI"])
    start_service(NotificationsService, db_url=notifications_url)
    ideas = start_service(IdeasService)
    return ideas, notifications_url


def ideas_known(url: str) -> list[str]:
    return [r.title for r in rows(url, select(IdeaRow.title))]


def parked(url: str) -> list:
    return rows(url, select(FAILED_EVENTS))


def test_a_handler_that_fails_twice_succeeds_on_its_third_attempt(services, monkeypatch):
    ideas, url = services
    breaks = Breaks(store.upsert_idea, times=2)
    monkeypatch.setattr(store, "upsert_idea", breaks)
    call(ideas, "submit_idea", {"title": "Shadow boards for the torque wrenches"})
    assert wait_for(lambda: ideas_known(url)) == ["Shadow boards for the torque wrenches"]
    assert breaks.calls == 3
    assert parked(url) == []


def test_a_poison_event_is_parked_then_replayed_after_the_fix(services, monkeypatch, capsys,
                                                              rabbit_manager, rabbit_config):
    ideas, url = services
    breaks = Breaks(store.upsert_idea)
    monkeypatch.setattr(store, "upsert_idea", breaks)
    idea = call(ideas, "submit_idea", {"title": "Kanban cards for the paint shop"})

    [row] = wait_for(lambda: parked(url))
    assert (row.handler, row.queue, row.attempts) == ("notifications.on_idea_submitted", QUEUE, 3)
    assert (row.source, row.event_type) == ("ideas", "idea_submitted")
    assert "RuntimeError: a bug in upsert_idea" in row.error
    assert f'"idea_id": "{idea["id"]}"' in row.payload
    eventlet.sleep(1.5)  # longer than the longest backoff: no further attempt
    assert breaks.calls == 3
    assert ideas_known(url) == []

    vhost = rabbit_config["vhost"]
    consumer = rabbit_manager.get_queue(vhost, QUEUE)
    assert consumer["durable"] and consumer["arguments"]["x-dead-letter-exchange"] == "kaizen.dead"
    assert rabbit_manager.get_queue(vhost, QUEUE + ".dead")["durable"]
    # the management API fills a new queue's counts in at its next statistics tick
    def counted():
        queue = rabbit_manager.get_queue(vhost, QUEUE + ".retry")
        return queue if "messages" in queue else None
    assert wait_for(counted)["messages"] == 0

    assert kaizen_admin(["events", "failed", "--service", "notifications"]) == 0
    listed = capsys.readouterr().out
    assert row.id in listed and "ideas.idea_submitted" in listed
    assert "RuntimeError: a bug in upsert_idea" in listed and "1 failed event(s)" in listed

    monkeypatch.setattr(store, "upsert_idea", breaks.real)  # the fix is deployed
    assert kaizen_admin(["events", "replay", row.id, "--service", "notifications"]) == 0
    assert f"replayed {row.id}" in capsys.readouterr().out
    assert wait_for(lambda: ideas_known(url)) == ["Kanban cards for the paint shop"]

    assert kaizen_admin(["events", "failed", "--service", "notifications"]) == 0
    assert capsys.readouterr().out.strip() == "no failed events"


def test_replaying_an_unknown_id_says_so(services, capsys):
    assert kaizen_admin(["events", "replay", "no-such-id", "--service", "notifications"]) == 1
    assert "no failed event with ID no-such-id" in capsys.readouterr().out
