"""Growth's events through the notifications worker: public kudos reach the team's chat
channel (a real HTTP receiver), private kudos only their recipient; the check-in and
one-on-one reminders and a manager's reaction land in the inbox of the people concerned,
once, with nothing of the check-in's text or mood."""
from __future__ import annotations

import json

import pytest

from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.receivers import HttpReceiver
from tests.unit.notifications.conftest import envelope

MESSAGE = "Thanks for the shadow board at the press: changeovers are calmer"


@pytest.fixture
def receiver(monkeypatch):
    monkeypatch.setenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", "1")
    http = HttpReceiver()
    yield http
    http.close()


def kudos(visibility: str, kudos_id: str, to=ANA, to_team=None) -> dict:
    return envelope("kudos_given", "growth", kudos_id=kudos_id, from_id=BEN.user_id,
                    to_person_id=to and to.user_id, to_team_id=to_team, team="Assembly",
                    message=MESSAGE, visibility=visibility, skill=None,
                    created_at="2026-12-01T10:00:00+00:00")


def test_public_kudos_go_to_the_team_channel_and_private_ones_only_to_the_recipient(
        notifications, receiver):
    notifications.call("create_chat_channel", {
        "kind": "WEBHOOK", "url": receiver.url, "team_ids": ["Assembly"],
        "kinds": ["KUDOS_RECEIVED"]}, identity=ADMIN)
    notifications.handle("on_kudos_given", kudos("PRIVATE", "k-private"))
    notifications.handle("on_kudos_given", kudos("PUBLIC", "k-public"))
    notifications.handle("on_kudos_given", kudos("PUBLIC", "k-team", to=None,
                                                 to_team="Assembly"))
    notifications.call("send_chat_deliveries", identity=None)
    sent = sorted((json.loads(r["body"]) for r in receiver.requests),
                  key=lambda m: m["subject_id"])
    assert [(m["kind"], m["subject_id"], m["title"]) for m in sent] == [
        ("KUDOS_RECEIVED", "k-public", "Ben Okafor gave kudos to Ana Silva"),
        ("KUDOS_RECEIVED", "k-team", "Ben Okafor gave kudos to the Assembly team")]
    assert all(m["body"] == MESSAGE for m in sent)
    mine = [(n["kind"], n["subject_id"]) for n in notifications.inbox(ANA)]
    assert sorted(mine) == [("KUDOS_RECEIVED", "k-private"), ("KUDOS_RECEIVED", "k-public")]
    assert notifications.inbox(CARLA) == [] and notifications.inbox(BEN) == []


def test_a_private_kudos_to_a_team_reaches_no_channel(notifications, receiver):
    notifications.call("create_chat_channel", {
        "kind": "WEBHOOK", "url": receiver.url, "kinds": ["KUDOS_RECEIVED"]}, identity=ADMIN)
    notifications.handle("on_kudos_given", kudos("PRIVATE", "k1", to=None, to_team="Assembly"))
    notifications.call("send_chat_deliveries", identity=None)
    assert receiver.requests == []


def test_reminders_and_a_reaction_reach_the_people_concerned_once(notifications):
    due = envelope("one_on_one_reminder_due", "growth", one_on_one_id="o1",
                   manager_id=CARLA.user_id, report_id=ANA.user_id,
                   scheduled_at="2026-12-07T09:00:00+00:00")
    notifications.handle("on_one_on_one_reminder_due", due)
    notifications.handle("on_one_on_one_reminder_due", due)  # redelivered: told once
    notifications.handle("on_check_in_reminder_due", envelope(
        "check_in_reminder_due", "growth", person_id=ANA.user_id, week_of="2026-11-30"))
    notifications.handle("on_check_in_reacted", envelope(
        "check_in_reacted", "growth", check_in_id="c1", person_id=ANA.user_id,
        reacted_by=CARLA.user_id, emoji="👏"))
    told = {(n["kind"], n["title"]) for n in notifications.inbox(ANA)}
    assert told == {
        ("ONE_ON_ONE_DUE", "One-on-one Mon 07 Dec 2026, 09:00 UTC"),
        ("CHECK_IN_DUE", "Your check-in for the week of 30 Nov"),
        ("CHECK_IN_REACTED", "Carla Reyes reacted to your check-in 👏")}
    [carla] = notifications.inbox(CARLA)
    assert (carla["kind"], carla["body"]) == ("ONE_ON_ONE_DUE",
                                              "Carla Reyes and Ana Silva. Anything for the "
                                              "agenda?")
    assert carla["link"].endswith("/#/growth/one-on-ones/o1")
    kinds = {k["kind"] for k in notifications.call(
        "get_notification_preferences", identity=ANA)["kinds"]}
    assert {"CHECK_IN_DUE", "ONE_ON_ONE_DUE", "KUDOS_RECEIVED"} <= kinds
