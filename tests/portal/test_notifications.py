"""Notifications in the browser: the bell counts up live when a colleague comments on your
idea, the idea page shows the comment without a reload, the inbox lists it and marks it
read, and preferences save."""
from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in
from tests.portal.test_ideas import submit_idea


def test_the_bell_and_the_idea_page_update_live_when_a_colleague_comments(open_page):
    title = f"Shadow board for torque tools {uuid.uuid4().hex[:6]}"
    author = sign_in(open_page(), "Ana Silva")
    idea_id = submit_idea(author, title)
    author.get_by_role("link", name="Notifications").first.wait_for()
    badge = author.get_by_test_id("unread-count")
    before = int(badge.inner_text()) if badge.count() else 0

    colleague = sign_in(open_page(), "Tom Becker")
    colleague.goto(f"/#/ideas/{idea_id}")
    colleague.get_by_label("Add a comment").fill("We could colour-code the outlines per line.")
    colleague.get_by_role("button", name="Comment").click()
    expect(colleague.locator(".comments")).to_contain_text("colour-code the outlines")

    # no reload on the author's side: the subscription carries both
    expect(author.locator(".comments")).to_contain_text("colour-code the outlines",
                                                        timeout=10_000)
    expect(badge).to_have_text(str(before + 1), timeout=10_000)
    screenshot(author, "notifications-bell")

    author.get_by_role("link", name="Notifications").first.click()
    notice = author.locator(".inbox .notice.unread", has_text=title)
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("Tom Becker")
    screenshot(author, "notifications-inbox")
    author.get_by_role("button", name="Mark all read").click()
    expect(author.locator(".inbox .notice.unread")).to_have_count(0)
    expect(badge).to_have_count(0)
    notice = author.locator(".inbox .notice", has_text=title)
    notice.get_by_role("link").click()
    expect(author.get_by_role("heading", name=title)).to_be_visible()


def test_preferences_save_and_a_bad_time_zone_is_refused_by_name(open_page):
    page = sign_in(open_page(), "Ben Okafor")
    page.goto("/#/notifications/preferences")
    page.get_by_label("E-mail digest").select_option("WEEKLY")
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_label("Time zone")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Time zone").fill("Europe/Lisbon")
    first = page.locator(".prefs tbody tr").first
    first.get_by_role("checkbox").nth(1).uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    screenshot(page, "notifications-preferences")

    page.reload()
    expect(page.get_by_label("E-mail digest")).to_have_value("WEEKLY")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
    expect(page.locator(".prefs tbody tr").first.get_by_role("checkbox").nth(1)).not_to_be_checked()


def test_an_employee_sees_no_chat_channels_link_and_the_page_refuses_them(open_page):
    page = sign_in(open_page(), "Tom Becker")
    page.goto("/#/notifications")
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Chat channels")).to_have_count(0)
    page.goto("/#/notifications/channels")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("button", name="Send a test")).to_have_count(0)


def test_an_admin_connects_a_webhook_sees_its_secret_once_and_removes_it(open_page):
    page = sign_in(open_page(), "Dev Patel")
    page.goto("/#/notifications")
    page.get_by_role("link", name="Chat channels").click()
    page.get_by_label("Kind").select_option("WEBHOOK")
    page.get_by_label("Webhook URL").fill("ftp://example.org/hook")
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_label("Webhook URL")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").filter(has_text="at least one")).to_be_visible()
    page.get_by_label("Webhook URL").fill("https://hooks.example.org/kaizen")
    page.get_by_label("Teams").fill("Assembly")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_role("status").filter(has_text="Signing secret")).to_be_visible()
    channel = page.locator(".channels li", has_text="hooks.example.org/kaizen")
    expect(channel).to_contain_text("Teams: Assembly")
    screenshot(page, "notifications-channels")
    channel.get_by_role("button", name="Remove").click()
    expect(page.locator(".channels li", has_text="hooks.example.org/kaizen")).to_have_count(0)
