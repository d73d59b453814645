"""Mentoring in the browser, on the seeded programme ("Lean foundations mentoring"): a mentee
works in their mentorship (agenda, a private note, an action item carried forward and done)
and the mentor sees the agenda but not the private note; someone new enrols and asks a
suggested mentor; the coordinator sees the quiet pair first and the report, and never a
pair's notes."""
from __future__ import annotations

import uuid
from urllib.parse import unquote

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in

PROGRAMME = "Lean foundations mentoring"


def open_mentoring(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mentoring").click()
    expect(page.get_by_role("heading", name="Mentoring", exact=True)).to_be_visible()


def test_a_mentee_plans_with_their_mentor_who_never_reads_their_private_note(open_page):
    note = f"I am nervous about leading the event {uuid.uuid4().hex[:6]}"
    mentee = sign_in(open_page(), "Pedro Alves")
    open_mentoring(mentee)
    mentee.get_by_role("list", name="My mentorships").get_by_role(
        "link", name="Mentored by Hana Sato").click()
    expect(mentee.get_by_role("heading", name="Hana Sato mentoring Pedro Alves")).to_be_visible()
    milestones = mentee.get_by_role("list", name="Milestones")
    expect(milestones).to_contain_text("First session held ·")
    expect(milestones).to_contain_text("Completed · not yet")
    goals = mentee.get_by_role("list", name="Goals")
    expect(goals).to_contain_text("Run a 5S event on the maintenance bench")
    expect(goals).to_contain_text("Agree the scope")

    upcoming = mentee.get_by_role("list", name="Sessions").locator("> li").filter(
        has_text="Upcoming")
    upcoming.get_by_label("Add to the agenda").fill("Which workstation first?")
    upcoming.get_by_role("button", name="Add", exact=True).click()
    expect(upcoming.get_by_role("list", name="Agenda")).to_contain_text(
        "Which workstation first? (Pedro Alves)")
    upcoming.get_by_label("A note").fill(note)
    upcoming.get_by_role("button", name="Add note").click()
    expect(upcoming.get_by_role("list", name="Notes")).to_contain_text(f"Only you {note}")
    carried = upcoming.get_by_role("list", name="Carried forward")
    expect(carried).to_contain_text("○ Photograph the bench before 5S")
    carried.get_by_role("button", name="Mark “Photograph the bench before 5S” done").click()
    expect(carried).to_have_count(0)  # done before this session: no longer carried
    upcoming.get_by_label("An action item").fill("Book the maintenance bench for Friday")
    upcoming.get_by_role("button", name="Add action item").click()
    expect(upcoming.get_by_role("list", name="Agreed in this session")).to_contain_text(
        "○ Book the maintenance bench for Friday (Pedro Alves)")
    upcoming.get_by_role("button", name="Add to my calendar").click()
    ics = upcoming.get_by_role("link", name="Download the .ics file")
    assert unquote(ics.get_attribute("href")).startswith("data:text/calendar;charset=utf-8,"
                                                         "BEGIN:VCALENDAR")
    screenshot(mentee, "mentorship")

    mentor = sign_in(open_page(375, 800), "Hana Sato")
    mentor.goto(mentee.url)
    theirs = mentor.get_by_role("list", name="Sessions").locator("> li").filter(
        has_text="Upcoming")
    expect(theirs.get_by_role("list", name="Agenda")).to_contain_text("Which workstation first?")
    held = mentor.get_by_role("list", name="Sessions").locator("> li").filter(has_text="Held")
    expect(held.get_by_role("list", name="Notes")).to_contain_text("Start with one workstation.")
    expect(mentor.get_by_text(note)).to_have_count(0)
    screenshot(mentor, "mentorship-mentor-mobile")


def test_someone_new_enrols_and_asks_a_suggested_mentor(open_page):
    page = sign_in(open_page(), "Zoe Clarke")
    open_mentoring(page)
    page.get_by_role("list", name="Programmes").get_by_role("link", name=PROGRAMME).click()
    page.get_by_label("I join as").select_option("MENTEE")
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_label("I want to develop")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("I want to develop").fill("quality standards, lean manufacturing")
    page.get_by_label("My goal, in a sentence").fill("Write standard work for my line")
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_role("status").filter(has_text="You are enrolled")).to_contain_text(
        "You are enrolled as a mentee")
    suggested = page.get_by_role("list", name="Suggested mentors").locator("> li")
    expect(suggested.first).to_be_visible()
    expect(suggested.first.locator(".reasons li").first).to_contain_text("Helps with")
    mentor = suggested.first.get_by_role("heading").inner_text()
    screenshot(page, "programme-mentee")
    suggested.first.get_by_role("button", name=f"Ask {mentor}").click()
    expect(page.get_by_role("status").filter(has_text="Waiting for")).to_have_text(
        f"Waiting for {mentor} to answer.")


def test_the_coordinator_sees_the_quiet_pair_first_and_the_report_without_any_note(open_page):
    page = sign_in(open_page(), "Carla Meyer")
    open_mentoring(page)
    programmes = page.get_by_role("list", name="Programmes")
    expect(programmes.locator("> li").filter(has_text=PROGRAMME)).to_contain_text(
        "You coordinate it")
    programmes.get_by_role("link", name=PROGRAMME).click()
    pairs = page.get_by_role("list", name="Pairs").locator("> li")
    expect(pairs.first).to_contain_text("Hana Sato → Marek Nowak")
    expect(pairs.first).to_contain_text("Stuck")
    expect(pairs.filter(has_text="Stuck")).to_have_count(1)
    expect(pairs.filter(has_text="Hana Sato → Pedro Alves")).to_contain_text(
        "Run a 5S event on the maintenance bench 30 %")
    figures = page.get_by_role("table", name="Programme figures")
    expect(figures.get_by_role("row", name="Enrolled mentors")).to_contain_text("4")
    expect(figures.get_by_role("row", name="Stuck mentorships")).to_contain_text("1")
    expect(figures.get_by_role("row", name="Mean rating")).to_contain_text("4.5")
    csv = page.get_by_role("link", name="Download the report (CSV)")
    assert unquote(csv.get_attribute("href")).split(",", 1)[1].startswith(
        "team,enrolled_mentors,enrolled_mentees,matched_mentees,match_rate,")
    for private in ("Start with one workstation.", "Agree the scope",
                    "It gave me the confidence to lead."):
        expect(page.get_by_text(private)).to_have_count(0)
    screenshot(page, "programme-coordinator")

    team = page.get_by_label("Team")
    team.select_option(index=1)
    expect(figures.get_by_role("row", name="Enrolled mentors")).not_to_contain_text("4")
