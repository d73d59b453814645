"""The in-app inbox and preferences through the service's entrypoints: events become the
right people's notices, once; each person reads and marks only their own."""
from __future__ import annotations

import pytest

from services.notifications.unsubscribe import make_token
from shared.errors import PermissionDenied, Unauthenticated, ValidationError
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.unit.notifications.conftest import envelope


def commented(by=BEN, idea_id="i1", author=ANA):
    return envelope("idea_commented", "ideas", idea_id=idea_id, title="Label the bins",
                    author_id=author.user_id, comment_id="c1", commenter_id=by.user_id,
                    excerpt="Could we use colours?")


def test_a_comment_tells_the_ideas_author_once_even_when_delivered_twice(notifications):
    message = commented()
    notifications.handle("on_idea_commented", message)
    notifications.handle("on_idea_commented", message)
    [item] = notifications.inbox(ANA)
    assert (item["kind"], item["title"], item["body"]) == (
        "IDEA_COMMENTED", "Ben Okafor commented on “Label the bins”", "Could we use colours?")
    assert item["link"].endswith("/#/ideas/i1") and item["read_at"] is None
    assert notifications.inbox(BEN) == []
    [created] = notifications.events("notification_created")
    assert (created["recipient_id"], created["notification_id"]) == (ANA.user_id, item["id"])


def test_people_read_and_mark_only_their_own(notifications):
    notifications.handle("on_idea_commented", commented())
    notifications.handle("on_idea_commented", commented(idea_id="i2"))
    notifications.handle("on_idea_commented", commented(by=ANA, author=CARLA))
    first, second = notifications.inbox(ANA)
    assert notifications.call("unread_notification_count", identity=ANA) == 2
    assert notifications.call("mark_notifications_read", [first["id"]], identity=CARLA) == 1
    assert notifications.call("unread_notification_count", identity=ANA) == 2
    assert notifications.call("mark_notifications_read", [first["id"]], identity=ANA) == 1
    assert [n["id"] for n in notifications.inbox(ANA, unread_only=True)] == [second["id"]]
    assert notifications.call("mark_notifications_read", None, True, identity=ANA) == 0
    assert notifications.call("unread_notification_count", identity=CARLA) == 1
    with pytest.raises(ValidationError) as refused:
        notifications.call("mark_notifications_read", [], identity=ANA)
    assert refused.value.errors[0]["field"] == "ids"
    with pytest.raises(Unauthenticated):
        notifications.call("list_notifications", identity=None)


def test_the_inbox_pages_newest_first(notifications):
    for n in range(5):
        notifications.handle("on_idea_commented", commented(idea_id=f"i{n}"))
    page = notifications.call("list_notifications", 2, identity=ANA)
    assert (page["total"], page["has_next"], len(page["items"])) == (5, True, 2)
    rest = notifications.call("list_notifications", 10, page["end_cursor"], identity=ANA)
    ids = [n["subject_id"] for n in page["items"] + rest["items"]]
    assert ids == ["i4", "i3", "i2", "i1", "i0"]


def test_preferences_default_then_change_and_are_checked(notifications):
    prefs = notifications.call("get_notification_preferences", identity=ANA)
    assert (prefs["digest"], prefs["time_zone"], prefs["quiet_hours"]) == ("DAILY", "UTC", None)
    asked_for = {"REFLECTION_PROMPT"}  # off until a person asks for it
    assert all(k["in_app"] and k["email"] and k["chat"] for k in prefs["kinds"]
               if k["kind"] not in asked_for)
    assert [k for k in prefs["kinds"] if k["kind"] in asked_for and (
        k["in_app"] or k["email"] or k["chat"])] == []
    changed = notifications.call("update_notification_preferences", {
        "kinds": [{"kind": "IDEA_COMMENTED", "in_app": False, "email": True, "chat": False}],
        "digest": "WEEKLY", "time_zone": "Europe/Lisbon",
        "quiet_hours": {"from": "22:00", "until": "07:00"}}, identity=ANA)
    comment = next(k for k in changed["kinds"] if k["kind"] == "IDEA_COMMENTED")
    assert (comment["in_app"], comment["email"], comment["chat"]) == (False, True, False)
    assert (changed["digest"], changed["time_zone"]) == ("WEEKLY", "Europe/Lisbon")
    assert changed["quiet_hours"] == {"from": "22:00", "until": "07:00"}
    with pytest.raises(ValidationError) as refused:
        notifications.call("update_notification_preferences", {
            "kinds": [{"kind": "NOPE"}], "digest": "HOURLY", "time_zone": "Mars/Base",
            "quiet_hours": {"from": "25:00", "until": "x"}}, identity=ANA)
    assert {e["field"] for e in refused.value.errors} == {"kinds", "digest", "timeZone",
                                                          "quietHours"}
    assert notifications.call("get_notification_preferences", identity=ANA) == changed


def test_in_app_off_keeps_the_notice_out_of_the_inbox_but_in_the_digest(notifications):
    notifications.call("update_notification_preferences", {
        "kinds": [{"kind": "IDEA_COMMENTED", "in_app": False, "email": True, "chat": True}]},
        identity=ANA)
    notifications.handle("on_idea_commented", commented())
    assert notifications.inbox(ANA) == []
    assert notifications.events("notification_created") == []


def test_an_unsubscribe_link_stops_only_what_it_names(notifications):
    notifications.call("unsubscribe", make_token(ANA.user_id, "IDEA_COMMENTED"), identity=None)
    kinds = {k["kind"]: k for k in notifications.call("get_notification_preferences",
                                                      identity=ANA)["kinds"]}
    assert kinds["IDEA_COMMENTED"]["email"] is False and kinds["IDEA_COMMENTED"]["in_app"]
    assert kinds["IDEA_STATUS_CHANGED"]["email"] is True
    notifications.call("unsubscribe", make_token(ANA.user_id, "DIGEST"), identity=None)
    assert notifications.call("get_notification_preferences", identity=ANA)["digest"] == "NONE"
    forged = make_token(BEN.user_id, "DIGEST").split(".")[0] + "." + make_token(
        ANA.user_id, "DIGEST").split(".")[1]
    with pytest.raises(ValidationError):
        notifications.call("unsubscribe", forged, identity=None)


def test_only_admins_connect_channels_and_personal_kinds_are_refused(notifications,
                                                                     monkeypatch):
    monkeypatch.setenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", "1")
    fields = {"kind": "WEBHOOK", "url": "http://127.0.0.1:9/hook", "team_ids": ["Assembly"],
              "kinds": ["IDEA_SUBMITTED"]}
    with pytest.raises(PermissionDenied):
        notifications.call("create_chat_channel", fields, identity=ANA)
    channel = notifications.call("create_chat_channel", fields, identity=ADMIN)
    assert channel["secret"] and channel["team_ids"] == ["Assembly"]
    assert "secret" not in notifications.call("list_chat_channels", identity=ADMIN)[0]
    with pytest.raises(ValidationError) as refused:
        notifications.call("create_chat_channel", {**fields, "kind": "FAX", "kinds": [
            "APPLICATION_DECIDED"], "url": "ftp://x"}, identity=ADMIN)
    assert {e["field"] for e in refused.value.errors} == {"kind", "kinds", "url"}
