"""The notifications service's RPCs hold to the input rules of every service: a control
character anywhere is a ValidationError naming the field, nothing is stored; a cursor it did
not hand out is refused naming `after`."""
from __future__ import annotations

import pytest

from shared.errors import ValidationError
from tests.support.identities import ADMIN, ANA


def fields_of(raised) -> list[str]:
    return [e["field"] for e in raised.value.errors]


def test_control_characters_in_preferences_and_channels_are_refused_naming_the_field(
        notifications):
    before = notifications.call("get_notification_preferences", identity=ANA)
    with pytest.raises(ValidationError) as raised:
        notifications.call("update_notification_preferences", {
            "time_zone": "Europe/Lisbon\x00", "quiet_hours": {"from": "22:00\x1b",
                                                             "until": "07:00"}}, identity=ANA)
    assert fields_of(raised) == ["timeZone", "quietHours.from"]
    assert notifications.call("get_notification_preferences", identity=ANA) == before
    with pytest.raises(ValidationError) as raised:
        notifications.call("create_chat_channel", {
            "kind": "WEBHOOK", "url": "https://8.8.8.8/hook\r\nX-Injected: 1\x00",
            "team_ids": ["Assembly"], "kinds": ["IDEA_SUBMITTED"]}, identity=ADMIN)
    assert fields_of(raised) == ["url"]
    assert notifications.call("list_chat_channels", identity=ADMIN) == []


@pytest.mark.parametrize("cursor", ["A" * 10_000, "%%%", "bzotMQ=="])
def test_a_malformed_inbox_cursor_is_a_validation_error(notifications, cursor):
    with pytest.raises(ValidationError) as raised:
        notifications.call("list_notifications", after=cursor, identity=ANA)
    assert fields_of(raised) == ["after"]
