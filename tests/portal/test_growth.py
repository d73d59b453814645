"""Growth in the browser: the weekly check-in form (last week's plan carried in and ticked,
a mood, a problem made into an idea that links back), a one-on-one both sides prepare
(agenda, a private note the other never sees, an action item done), the goal tree with a
person's goal aligned under the team's and its key result moved, and kudos that must say
what and why."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_a_weekly_check_in_carries_last_weeks_plan_and_a_problem_becomes_an_idea(open_page):
    word = uuid.uuid4().hex[:8]
    page = sign_in(open_page(), "Noah Schmidt")
    page.goto("/#/growth/check-in")
    carried = page.get_by_role("checkbox", name="Learn the new torque spec")
    expect(carried).to_be_visible()  # Noah's plan two weeks ago, never done
    carried.check()
    page.get_by_label("Plans", exact=True).fill(f"Pair with Ana on station 3 {word}")
    page.get_by_label("Progress", exact=True).fill("Torque spec learnt\nFirst solo shift")
    problem = f"The torque tool calibration sticker {word} is unreadable"
    page.get_by_label("Problems", exact=True).fill(problem)
    page.get_by_label("Mood (only you and your manager chain see it)").select_option("4")
    page.get_by_role("button", name="Submit check-in").click()
    expect(page.get_by_role("status").filter(has_text="Checked in")).to_be_visible()
    week = page.locator(".check-in", has_text=word)
    expect(week).to_contain_text("mood 4 of 5")
    earlier = page.locator(".check-in", has_text="Learn the new torque spec")
    expect(earlier.get_by_role("listitem").filter(has_text="Learn the new torque spec")
           ).to_contain_text("✓")  # done now, on the week it was planned
    expect(carried).to_have_count(0)  # so it carries no further
    screenshot(page, "growth-check-in")

    week.get_by_role("listitem").filter(has_text=problem).get_by_role(
        "button", name="Make this an idea").click()
    expect(page.get_by_role("heading", name=problem)).to_be_visible()
    page.goto("/#/growth/check-in")
    link = page.locator(".check-in", has_text=word).get_by_role("link", name="Became the idea")
    expect(link).to_contain_text(problem)


def test_both_sides_prepare_a_one_on_one_and_a_private_note_stays_with_its_author(open_page):
    word = uuid.uuid4().hex[:8]
    report = sign_in(open_page(), "Tom Becker")
    report.goto("/#/growth/one-on-ones")
    report.get_by_role("link", name="with Carla Meyer").first.click()
    expect(report.get_by_role("heading", name="One-on-one of Carla Meyer and Tom Becker")
           ).to_be_visible()
    report.get_by_label("Talking point", exact=True).fill(f"Rack sign-off {word}")
    report.get_by_role("button", name="Add to the agenda").click()
    expect(report.locator(".agenda")).to_contain_text(f"Rack sign-off {word}")
    report.get_by_label("Note", exact=True).fill(f"Ask for a safety contact {word}")
    report.get_by_role("button", name="Save private note").click()
    expect(report.locator(".note", has_text=word)).to_contain_text("Private: only me")
    report.get_by_label("Action item", exact=True).fill(f"Book the safety walk {word}")
    report.get_by_label("Owner", exact=True).select_option(label="Tom Becker")
    report.get_by_role("button", name="Add action item").click()
    item = report.locator(".action-item", has_text=f"Book the safety walk {word}")
    expect(item).to_contain_text("(Tom Becker)")
    meeting = report.url
    screenshot(report, "growth-one-on-one")

    manager = sign_in(open_page(), "Carla Meyer")
    manager.goto(meeting)
    expect(manager.locator(".agenda")).to_contain_text(f"Rack sign-off {word}")
    expect(manager.locator(".action-item", has_text=f"Book the safety walk {word}")
           ).to_be_visible()
    expect(manager.locator("main")).not_to_contain_text(f"Ask for a safety contact {word}")
    manager.get_by_label("Note", exact=True).fill(f"Sign-off owner is Lena {word}")
    manager.get_by_role("radio", name="Both of us").check()
    manager.get_by_role("button", name="Share note").click()
    expect(manager.locator(".note", has_text=f"Lena {word}")).to_contain_text("Shared")

    report.reload()
    expect(report.locator(".note", has_text=f"Lena {word}")).to_be_visible()
    report.get_by_role("button", name=f"Mark “Book the safety walk {word}” done").click()
    expect(report.locator(".action-item", has_text=f"Book the safety walk {word}")
           ).to_contain_text("Done")


def test_the_goal_tree_aligns_a_persons_goal_under_the_team_goal_and_moves_it(open_page):
    word = uuid.uuid4().hex[:8]
    page = sign_in(open_page(), "Aisha Bello")
    page.goto("/#/growth/goals")
    team_goal = page.locator(".goal", has_text="Halve changeover time on line 2").first
    expect(team_goal.get_by_role("article", name="Standardise the changeover")).to_be_visible()
    expect(team_goal.get_by_role("progressbar", name="Progress of Changeover minutes")
           ).to_have_attribute("value", "74")  # 45 → 28 of the way to 22
    page.get_by_label("Goal", exact=True).fill(f"Weld seam rework halved {word}")
    page.get_by_label("Aligns under", exact=True).select_option(label="Halve changeover time on line 2")
    page.get_by_label("Key result", exact=True).fill("Reworked seams a week")
    page.get_by_label("Start", exact=True).fill("10")
    page.get_by_label("Target", exact=True).fill("5")
    page.get_by_role("button", name="Set goal").click()
    mine = team_goal.get_by_role("article", name=f"Weld seam rework halved {word}")
    expect(mine).to_be_visible()
    expect(mine).to_contain_text("0%")
    mine.get_by_label("Now for Reworked seams a week").fill("7.5")
    mine.get_by_role("button", name="Update").click()
    expect(mine.get_by_role("progressbar", name=f"Progress of Weld seam rework halved {word}")
           ).to_have_attribute("value", "50")
    screenshot(page, "growth-goals")


def test_kudos_say_what_and_why_and_reach_the_team_feed(open_page):
    word = uuid.uuid4().hex[:8]
    page = sign_in(open_page(), "Mei Chen")
    page.goto("/#/growth/kudos")
    page.get_by_label("To", exact=True).select_option(label="Tom Becker")
    page.get_by_label("Message", exact=True).fill("Thanks!")
    page.get_by_role("button", name="Give kudos").click()
    expect(page.locator(".field.invalid", has_text="Message")).to_contain_text("what and why")
    page.get_by_label("Message", exact=True).fill(f"The tilted rack mock-up {word} saves my back every shift.")
    page.get_by_role("button", name="Give kudos").click()
    expect(page.get_by_role("status").filter(has_text="Kudos sent")).to_be_visible()
    expect(page.locator(".kudos", has_text=word)).to_contain_text("Mei Chen to Tom Becker")


def test_a_goal_is_edited_in_the_tree_by_its_owner_and_by_their_manager(open_page):
    word = uuid.uuid4().hex[:8]
    page = sign_in(open_page(), "Marek Nowak")
    page.goto("/#/growth/goals")
    page.get_by_label("Goal", exact=True).fill(f"Fewer weld spatters {word}")
    page.get_by_role("button", name="Set goal").click()
    mine = page.get_by_role("article", name=f"Fewer weld spatters {word}")
    expect(mine).to_contain_text("team")
    mine.get_by_role("button", name=f"Edit Fewer weld spatters {word}").click()
    form = mine.get_by_role("form", name=f"Edit Fewer weld spatters {word}")
    form.get_by_label("Title", exact=True).fill("ab")
    form.get_by_label("Quarter", exact=True).fill("2026-Q7")
    form.get_by_role("button", name="Save goal").click()
    expect(form.locator(".field.invalid", has_text="Title")).to_contain_text("3 to 140")
    expect(form.locator(".field.invalid", has_text="Quarter")).to_contain_text(
        "a quarter like 2026-Q4")  # every bad field at once
    period = re.search(r"\d{4}-Q\d", mine.locator(".meta").inner_text())[0]
    form.get_by_label("Quarter", exact=True).fill(period)
    form.get_by_label("Title", exact=True).fill(f"Weld spatter halved {word}")
    form.get_by_label("Who sees it", exact=True).select_option(label="Everyone")
    form.get_by_label("Aligns under", exact=True).select_option(
        label="Halve changeover time on line 2")
    form.get_by_role("button", name="Save goal").click()
    team_goal = page.locator(".goal", has_text="Halve changeover time on line 2").first
    edited = team_goal.get_by_role("article", name=f"Weld spatter halved {word}")
    expect(edited).to_contain_text("organisation")
    expect(page.get_by_role("article", name=f"Fewer weld spatters {word}")).to_have_count(0)

    manager = sign_in(open_page(), "Carla Meyer")
    manager.goto("/#/growth/goals")
    theirs = manager.get_by_role("article", name=f"Weld spatter halved {word}")
    theirs.get_by_role("button", name=f"Edit Weld spatter halved {word}").click()
    theirs.get_by_label("Description", exact=True).fill(f"Agreed at the one-on-one {word}")
    theirs.get_by_role("button", name="Save goal").click()
    expect(theirs).to_contain_text(f"Agreed at the one-on-one {word}")
    page.reload()
    expect(page.get_by_role("article", name=f"Weld spatter halved {word}")).to_contain_text(
        f"Agreed at the one-on-one {word}")
