"""Growth for managers in the browser: scheduling one-on-ones with a report (refused fields
named, the series then listed on both sides), reacting to and commenting on a report's
check-in from the team view (the report reads it on their own check-in), and the team view
of the seeded Assembly team, whose moods only the manager chain sees."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_a_manager_schedules_one_on_ones_with_a_report_and_the_series_lists(open_page):
    page = sign_in(open_page(), "Carla Meyer")
    page.goto("/#/growth/one-on-ones")
    expect(page.get_by_role("link", name="with Hana Sato")).to_have_count(0)
    form = page.get_by_role("form", name="Schedule one-on-ones")
    form.get_by_label("With", exact=True).select_option(label="Hana Sato")
    form.get_by_label("How often", exact=True).select_option(label="Every two weeks")
    form.get_by_role("button", name="Schedule").click()
    expect(form.locator(".field.invalid", has_text="First meeting")).to_contain_text(
        "date and time of the first meeting")
    form.get_by_label("First meeting", exact=True).fill("2099-01-05T10:00")
    form.get_by_role("button", name="Schedule").click()
    expect(form.locator(".field.invalid", has_text="First meeting")).to_contain_text(
        "years from today")  # the service's ValidationError, next to its field
    first = (datetime.now(UTC) + timedelta(days=6)).replace(hour=10, minute=0)
    form.get_by_label("First meeting", exact=True).fill(f"{first:%Y-%m-%dT%H:%M}")
    form.get_by_role("button", name="Schedule").click()
    expect(form.get_by_role("status")).to_contain_text("Scheduled: next with Hana Sato")
    expect(form.locator(".field.invalid")).to_have_count(0)
    series = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="with Hana Sato"))
    expect(series).to_contain_text("every 14 days")
    screenshot(page, "growth-schedule-one-on-ones")

    report = sign_in(open_page(), "Hana Sato")
    report.goto("/#/growth/one-on-ones")
    report.get_by_role("link", name="with Carla Meyer").click()
    expect(report.get_by_role("heading", name="One-on-one of Carla Meyer and Hana Sato")
           ).to_be_visible()
    expect(report.get_by_role("form", name="Schedule one-on-ones")).to_have_count(0)


def test_a_manager_reacts_to_a_reports_check_in_and_the_report_reads_it(open_page):
    word = uuid.uuid4().hex[:8]
    manager = sign_in(open_page(), "Carla Meyer")
    manager.goto("/#/growth")
    manager.get_by_role("navigation", name="Growth").get_by_role("link", name="Team").click()
    check_in = manager.get_by_role("article", name="Check-in of Ana Silva")
    expect(check_in).to_contain_text("Share the shadow board with night shift")
    check_in.get_by_text("React or comment").click()
    form = check_in.get_by_role("form", name="React to Ana Silva's check-in")
    form.get_by_role("button", name="React").click()
    expect(form.locator(".field.invalid", has_text="Comment")).to_contain_text(
        "an emoji, a comment or both")
    comment = f"Night shift could take the board tour with you {word}"
    form.get_by_label("Reaction", exact=True).select_option(label="👏 Well done")
    form.get_by_label("Comment", exact=True).fill(comment)
    form.get_by_label("Put it on our next one-on-one's agenda").check()
    form.get_by_role("button", name="React").click()
    expect(check_in.get_by_role("list", name="Reactions")).to_contain_text(
        f"Carla Meyer 👏 {comment}")
    expect(form.get_by_label("Comment", exact=True)).to_have_value("")
    screenshot(manager, "growth-team-react")

    report = sign_in(open_page(), "Ana Silva")
    report.goto("/#/growth/check-in")
    mine = report.locator(".check-in", has_text="Share the shadow board with night shift")
    expect(mine.get_by_role("list", name="Reactions")).to_contain_text(
        f"Carla Meyer 👏 {comment}")
    # the point is on the next one-on-one; the list is latest first, and earlier tests that
    # moved the shared clock ahead leave later meetings above it: it is on exactly one
    report.goto("/#/growth/one-on-ones")
    links = report.get_by_role("link", name="with Carla Meyer")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    holding = []
    for link in hrefs:
        report.goto(f"/{link}")
        expect(report.get_by_role("heading", name="Agenda")).to_be_visible()
        report.locator(".agenda").or_(report.get_by_text("Nothing on the agenda yet.")).first \
            .wait_for()
        if f"{comment} (Carla Meyer)" in report.locator(".agenda").inner_text():
            holding.append(link)
    assert len(holding) == 1, (hrefs, holding)


TEAM = """query($team: String!) { teamGrowth(teamId: $team) { members checkedIn
  kudosReceived kudosGiven openProblems { text } } }"""


def test_the_team_view_shows_the_seeded_team_and_moods_only_in_the_managers_chain(
        open_page, portal):
    figures = portal.gql(TEAM, {"team": "Assembly"},
                         portal.token("carla.meyer@kaizen.example"))["teamGrowth"]
    manager = sign_in(open_page(), "Carla Meyer")
    manager.goto("/#/growth/team")
    expect(manager.get_by_role("heading", name="Team Assembly", exact=True)).to_be_visible()
    table = manager.get_by_role("table", name="Team figures")
    expect(table.get_by_role("row", name="Checked in this week")).to_contain_text(
        f"{figures['checkedIn']} of {figures['members']}")
    expect(table.get_by_role("row", name="Kudos received this quarter")).to_contain_text(
        str(figures["kudosReceived"]))
    expect(table.get_by_role("row", name="Kudos given this quarter")).to_contain_text(
        str(figures["kudosGiven"]))
    expect(table.get_by_role("row", name="Open problems")).to_contain_text(
        str(len(figures["openProblems"])))
    assert figures["kudosReceived"] >= 2 and figures["checkedIn"] >= 2  # the seed's
    people = manager.get_by_role("list", name="People this week")
    expect(people.get_by_role("listitem").filter(has_text="Ana Silva")).to_contain_text(
        "checked in mood 3 of 5")
    expect(people.get_by_role("listitem").filter(has_text="Tom Becker")).to_contain_text(
        "not yet")
    expect(manager.get_by_role("list", name="Team goals")).to_contain_text(
        "Halve changeover time on line 2")
    expect(manager.get_by_role("list", name="Open problems")).to_contain_text(
        "Night shift moves the wrenches back (Ana Silva)")
    expect(manager.get_by_role("article", name="Check-in of Ana Silva")).to_contain_text(
        "mood 3 of 5")
    manager.get_by_role("button", name="Week before").click()
    expect(manager.get_by_role("article", name="Check-in of Tom Becker")).to_contain_text(
        "Health and safety sign-off takes weeks")
    screenshot(manager, "growth-team")

    outside = sign_in(open_page(), "Luis Ortega")  # a manager, but not in Assembly's chain
    outside.goto("/#/growth/team/Assembly")
    people = outside.get_by_role("list", name="People this week")
    expect(people.get_by_role("listitem").filter(has_text="Ana Silva")).to_have_text(
        "Ana Silva: checked in")
    expect(outside.get_by_role("article", name="Check-in of Ana Silva")).to_be_visible()
    expect(outside.locator("main")).not_to_contain_text("mood")

    employee = sign_in(open_page(), "Ana Silva")
    employee.goto("/#/growth/team")
    expect(employee.get_by_role("alert")).to_contain_text("the team view is for managers")
    expect(employee.get_by_role("navigation", name="Growth").get_by_role(
        "link", name="Team")).to_have_count(0)
