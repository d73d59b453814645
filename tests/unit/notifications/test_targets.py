"""Chat targets: URL checks, the webhook signature and the retry schedule; Slack and Teams
payloads built with their models."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.notifications import messages, targets
from services.notifications.targets import TargetError, check_url, next_attempt

NOTICE = {"id": "e1", "kind": "IDEA_COMMENTED", "kind_label": "A comment on your idea",
          "title": "Ben commented on “Label the bins”", "body": "Nice one",
          "subject_type": "IDEA", "subject_id": "i1", "subject_title": "Label the bins",
          "link": "https://kaizen.example/#/ideas/i1", "created_at": "2026-12-02T10:00:00"}


@pytest.mark.parametrize("url", ["http://hooks.slack.com/x", "ftp://example.com/x",
                                 "https://127.0.0.1/x", "https://localhost/x",
                                 "https://10.1.2.3/hook", "https://[::1]/x",
                                 "https://169.254.169.254/latest", "not a url"])
def test_private_loopback_and_non_https_urls_are_refused(url, monkeypatch):
    monkeypatch.delenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", raising=False)
    with pytest.raises(TargetError):
        check_url(url)


def test_public_https_addresses_pass_and_the_flag_allows_local_receivers(monkeypatch):
    monkeypatch.delenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", raising=False)
    check_url("https://8.8.8.8/hook")
    monkeypatch.setenv("KAIZEN_WEBHOOK_ALLOW_PRIVATE", "1")
    check_url("http://127.0.0.1:9999/hook")


def test_a_signature_is_checked_over_timestamp_and_body():
    header = targets.signature("s3cret", "1700000000", b'{"a":1}')
    assert header.startswith("v1=")
    assert targets.signature_matches("s3cret", "1700000000", b'{"a":1}', header)
    assert not targets.signature_matches("s3cret", "1700000001", b'{"a":1}', header)
    assert not targets.signature_matches("other", "1700000000", b'{"a":1}', header)


def test_retries_back_off_exponentially_about_ten_times_over_hours_then_park():
    at, delays = datetime(2026, 12, 2, tzinfo=UTC), []
    for attempt in range(1, 11):
        retry = next_attempt(attempt, at)
        if retry is None:
            break
        delays.append(retry - at)
    assert len(delays) == 9  # ten attempts in all
    assert all(b == 2 * a for a, b in zip(delays, delays[1:], strict=False))
    assert timedelta(hours=2) < sum(delays, timedelta()) < timedelta(hours=12)


def test_slack_messages_are_block_kit_checked_by_slack_sdk():
    payload = messages.slack(NOTICE)
    assert payload["text"] == NOTICE["title"]
    assert [b["type"] for b in payload["blocks"]] == ["section", "actions", "context"]
    assert payload["blocks"][1]["elements"][0]["url"] == NOTICE["link"]
    long = messages.slack({**NOTICE, "body": "x" * 5000})
    assert len(long["blocks"][0]["text"]["text"]) <= 3000


def test_teams_messages_are_adaptive_cards_in_the_workflows_envelope():
    payload = messages.teams(NOTICE)
    [attachment] = payload["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    assert card["actions"][0] == {"type": "Action.OpenUrl", "title": "Open in Kaizen",
                                  "url": NOTICE["link"]}


def test_generic_webhooks_get_plain_json_of_the_notice():
    assert messages.webhook(NOTICE) == {
        "type": "notification", **{k: NOTICE[k] for k in (
            "id", "kind", "title", "body", "subject_type", "subject_id", "subject_title",
            "link", "created_at")}}


def test_people_s_text_in_slack_never_becomes_a_mention_or_a_disguised_link():
    payload = messages.slack({**NOTICE, "title": "Ben commented on “<!channel> bins”",
                              "body": "See <https://evil.example|the SOP> & <@U123>"})
    section = payload["blocks"][0]["text"]["text"]
    assert section == ("*Ben commented on “&lt;!channel&gt; bins”*\n"
                       "See &lt;https://evil.example|the SOP&gt; &amp; &lt;@U123&gt;")
    assert payload["text"] == "Ben commented on “&lt;!channel&gt; bins”"
