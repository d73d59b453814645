"""Mail and chat deliveries to real receivers on loopback: an SMTP server (make run's
catcher) gets the digests, an HTTP endpoint the signed webhooks; time is a clock file."""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta

import pytest

from scripts import mailcatcher
from services.notifications.targets import FIRST_RETRY, MAX_ATTEMPTS
from services.notifications.windows import window_end
from shared import clock
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.receivers import HttpReceiver, free_port, read_mail
from tests.unit.notifications.conftest import envelope
from tests.unit.notifications.test_inbox import commented


@pytest.fixture
def mailbox(tmp_path, monkeypatch):
    port = free_port()
    folder = tmp_path / "mail"
    controller = mailcatcher.start(folder, port)
    monkeypatch.setenv("KAIZEN_SMTP_URL", f"smtp://127.0.0.1:{port}")
    yield folder
    controller.stop()


@pytest.fixture
def receiver(monkeypatch):
    monkeypatch.setenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", "1")
    http = HttpReceiver()
    yield http
    http.close()


def digest_items(message) -> list[tuple[str, str]]:
    """(group, item title) in the order the digest's plain-text part lists them."""
    items, group = [], None
    for line in message.get_body(("plain",)).get_content().splitlines():
        if line.startswith("== "):
            group = line.strip("= ")
        elif line.startswith("- "):
            items.append((group, line[2:].split(": ")[0]))
    return items


def test_a_daily_digest_reaches_the_smtp_server_grouped_newest_first_dropping_nothing(
        notifications, mailbox, clock_file):
    notifications.call("send_mail", identity=None)  # the first window: nothing yet
    assert read_mail(mailbox) == []
    notifications.handle("on_idea_commented", commented(idea_id="i1"))
    notifications.handle("on_idea_commented", commented(idea_id="i2", by=CARLA))
    clock.advance(clock_file, timedelta(seconds=5))
    notifications.handle("on_idea_commented", commented(idea_id="i1", by=CARLA))
    notifications.call("send_mail", identity=None)
    assert read_mail(mailbox) == []  # the day's window is still open
    clock.advance(clock_file, timedelta(days=1))
    notifications.call("send_mail", identity=None)
    notifications.call("send_mail", identity=None)  # sent once
    [digest] = read_mail(mailbox)
    assert digest["To"] == "ana@kaizen.example"
    assert digest["Subject"] == "Your daily Kaizen digest: 3 new"
    assert digest_items(digest) == [
        ("Label the bins", "Carla Reyes commented on “Label the bins”"),
        ("Label the bins", "Ben Okafor commented on “Label the bins”"),
        ("Label the bins", "Carla Reyes commented on “Label the bins”")]
    assert digest.get_body(("html",)).get_content().count("<li>") == 3
    assert digest["List-Unsubscribe"].startswith("<http") and "token=" in digest[
        "List-Unsubscribe"]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    notifications.handle("on_idea_commented", commented(idea_id="i3"))
    clock.advance(clock_file, timedelta(days=1))
    notifications.call("send_mail", identity=None)
    first, second = read_mail(mailbox)
    assert len(digest_items(second)) == 1
    mailed = len(digest_items(first)) + len(digest_items(second))
    assert mailed == notifications.call("list_notifications", identity=ANA)["total"] == 4


def test_a_weekly_digest_waits_for_monday_and_holds_the_whole_week(notifications, mailbox,
                                                                   clock_file):
    notifications.call("update_notification_preferences", {"digest": "WEEKLY"}, identity=ANA)
    notifications.call("send_mail", identity=None)
    for day in range(8):
        notifications.handle("on_idea_commented", commented(idea_id=f"i{day}"))
        clock.advance(clock_file, timedelta(days=1))
        notifications.call("send_mail", identity=None)
    digests = [m for m in read_mail(mailbox) if m["To"] == "ana@kaizen.example"]
    assert 1 <= len(digests) <= 2 and all("weekly" in d["Subject"] for d in digests)
    monday = window_end("WEEKLY", clock.now(), "UTC")
    assert monday.weekday() == 0 and (monday.hour, monday.minute) == (7, 0)
    inbox = notifications.call("list_notifications", 20, identity=ANA)["items"]
    still_open = [n for n in inbox if datetime.fromisoformat(n["created_at"]) >= monday]
    assert sum(len(digest_items(d)) for d in digests) + len(still_open) == 8


def test_with_no_digest_each_notice_is_mailed_alone_outside_quiet_hours(notifications,
                                                                        mailbox):
    notifications.call("update_notification_preferences", {"digest": "NONE"}, identity=ANA)
    notifications.handle("on_idea_commented", commented())
    notifications.call("send_mail", identity=None)
    [mail] = read_mail(mailbox)
    assert mail["Subject"] == "Ben Okafor commented on “Label the bins”"
    assert mail["X-Kaizen-Kind"] == "IDEA_COMMENTED"
    notifications.call("send_mail", identity=None)
    assert len(read_mail(mailbox)) == 1


def new_idea(author=ANA, idea_id="i1"):
    return envelope("idea_submitted", "ideas", idea_id=idea_id, title="Label the bins",
                    problem="Bins look alike", proposal="Labels", tags=[],
                    author_id=author.user_id, created_at="2026-12-02T10:00:00+00:00")


def test_a_webhook_gets_a_signed_delivery_for_a_new_idea_of_its_team(notifications,
                                                                          receiver):
    channel = notifications.call("create_chat_channel", {
        "kind": "WEBHOOK", "url": receiver.url, "team_ids": ["Assembly"],
        "kinds": ["IDEA_SUBMITTED"]}, identity=ADMIN)
    notifications.handle("on_idea_submitted", new_idea(author=BEN, idea_id="other-team"))
    notifications.handle("on_idea_submitted", new_idea(author=ANA))
    notifications.call("send_chat_deliveries", identity=None)
    [request] = receiver.requests
    body, headers = request["body"], request["headers"]
    stamp = headers["X-Kaizen-Timestamp"]
    expected = hmac.new(channel["secret"].encode(), f"{stamp}.".encode() + body,
                        hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Kaizen-Signature"], f"v1={expected}")
    sent = json.loads(body)
    assert (sent["type"], sent["kind"], sent["subject_id"]) == (
        "notification", "IDEA_SUBMITTED", "i1")
    [delivered] = notifications.call("list_chat_deliveries", identity=ADMIN)
    assert (delivered["status"], delivered["attempts"]) == ("DELIVERED", 1)


def test_a_failing_endpoint_sees_retries_with_backoff_then_a_parked_delivery(
        notifications, receiver, clock_file):
    receiver.status = 500
    notifications.call("create_chat_channel", {
        "kind": "SLACK", "url": receiver.url, "kinds": ["IDEA_SUBMITTED"]}, identity=ADMIN)
    notifications.handle("on_idea_submitted", new_idea())
    delay = FIRST_RETRY
    for attempt in range(1, MAX_ATTEMPTS + 1):
        notifications.call("send_chat_deliveries", identity=None)
        assert len(receiver.requests) == attempt
        notifications.call("send_chat_deliveries", identity=None)  # not due yet
        assert len(receiver.requests) == attempt
        clock.advance(clock_file, delay)
        delay *= 2
    [parked] = notifications.call("list_chat_deliveries", "PARKED", identity=ADMIN)
    assert (parked["attempts"], parked["last_error"]) == (MAX_ATTEMPTS, "HTTP 500: broken")
    notifications.call("send_chat_deliveries", identity=None)
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert json.loads(receiver.requests[0]["body"])["blocks"][0]["type"] == "section"

    receiver.status = 200
    notifications.call("retry_chat_delivery", parked["id"], identity=ADMIN)
    notifications.call("send_chat_deliveries", identity=None)
    [done] = notifications.call("list_chat_deliveries", identity=ADMIN)
    assert done["status"] == "DELIVERED"


def deactivation(person, active: bool):
    return envelope("person_reactivated" if active else "person_deactivated", "career",
                    person_id=person.user_id)


def test_a_deactivated_person_is_told_nothing_until_reactivated(notifications, mailbox):
    notifications.call("update_notification_preferences", {"digest": "NONE"}, identity=ANA)
    notifications.handle("on_idea_commented", commented(idea_id="before"))
    notifications.handle("on_person_deactivated", deactivation(ANA, False))
    notifications.handle("on_person_deactivated", deactivation(BEN, False))
    notifications.handle("on_idea_commented", commented(idea_id="during"))
    notifications.handle("on_idea_submitted", new_idea(author=CARLA, idea_id="unreviewed"))
    notifications.call("send_mail", identity=None)
    assert read_mail(mailbox) == []  # not even the notice from before the deactivation
    assert [n["subject_id"] for n in notifications.inbox(ANA)] == ["before"]
    assert notifications.inbox(BEN) == []  # the only reviewer hears of no new idea
    assert [e["recipient_id"] for e in notifications.events("notification_created")] == [
        ANA.user_id]
    notifications.handle("on_person_reactivated", deactivation(ANA, True))
    notifications.handle("on_idea_commented", commented(idea_id="after"))
    notifications.call("send_mail", identity=None)
    assert [n["subject_id"] for n in notifications.inbox(ANA)] == ["after", "before"]
    # mailed again, the day's notices not mailed while away included
    assert len(read_mail(mailbox)) == 2
