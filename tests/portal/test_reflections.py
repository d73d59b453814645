"""Reflections in the browser: a private one stays with its author; a shared one reaches
the team feed; one turns into an idea, the journal exports, and a delete is for good."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_a_private_reflection_cannot_be_found_by_a_teammate(open_page):
    word = f"kanban{uuid.uuid4().hex[:8]}"
    author = sign_in(open_page(), "Tom Becker")
    author.goto("/#/reflections")
    expect(author.get_by_role("radio", name="Only me")).to_be_checked()
    body = author.get_by_label("Reflection", exact=True)
    body.fill(f"The {word} board helped me spot the bottleneck.")
    author.get_by_role("button", name="Save privately").click()
    expect(author.get_by_role("status").filter(has_text="Only you can read it")).to_be_visible()
    entry = author.locator(".reflection", has_text=word)
    expect(entry.locator(".badge")).to_have_text("Private: only me")
    screenshot(author, "reflections-journal")

    teammate = sign_in(open_page(), "Mei Chen")
    teammate.goto("/#/reflections/team")
    teammate.get_by_label("Search shared reflections").fill(word)
    expect(teammate.get_by_text("No shared reflection matches.")).to_be_visible()
    expect(teammate.locator("body")).not_to_contain_text(word)
    screenshot(teammate, "reflections-team-feed")


def test_sharing_with_the_team_reaches_a_teammate_and_the_streak_counts(open_page):
    word = f"andon{uuid.uuid4().hex[:8]}"
    author = sign_in(open_page(), "Tom Becker")
    author.goto("/#/reflections")
    body = author.get_by_label("Reflection", exact=True)
    body.fill(f"Pulling the {word} cord early saved the batch.")
    author.get_by_role("radio", name="My team").check()
    author.get_by_role("button", name="Share with my team").click()
    badge = author.locator(".reflection", has_text=word).locator(".badge")
    expect(badge).to_have_text("Team: Assembly")
    expect(author.locator(".streak")).to_contain_text("this week")

    teammate = sign_in(open_page(), "Mei Chen")
    teammate.goto("/#/reflections/team")
    teammate.get_by_label("Search shared reflections").fill(word)
    expect(teammate.locator(".reflection", has_text=word)).to_contain_text("Tom Becker")


def test_turn_a_reflection_into_an_idea_export_the_journal_and_delete(open_page):
    word = f"gemba{uuid.uuid4().hex[:8]}"
    page = sign_in(open_page(), "Sara Haddad")
    page.goto("/#/reflections")
    page.get_by_label("Reflection", exact=True).fill(
        f"The {word} walk showed that inspectors wait for the microscope.")
    page.get_by_role("button", name="Save privately").click()
    entry = page.locator(".reflection", has_text=word)
    expect(entry).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Export as JSON").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert any(word in r["body"] for r in exported["reflections"])

    entry.get_by_text("Turn into an idea").click()
    entry.get_by_label("Idea title").fill(f"Second microscope for inspection {word}")
    entry.get_by_role("button", name="Submit as an idea").click()
    expect(page.get_by_role("heading", name=f"Second microscope for inspection {word}")
           ).to_be_visible()
    page.goto("/#/reflections")
    entry = page.locator(".reflection", has_text=word)
    expect(entry).to_contain_text("Turned into the idea")

    page.on("dialog", lambda dialog: dialog.accept())
    entry.get_by_role("button", name="Delete").click()
    expect(page.locator(".reflection", has_text=word)).to_have_count(0)
    page.reload()
    page.locator("h1").wait_for()
    expect(page.locator(".reflection", has_text=word)).to_have_count(0)
