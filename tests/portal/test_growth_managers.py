"""Growth for managers in the browser: scheduling one-on-ones with a report (refused fields
named, the series then listed on both sides), reacting to and commenting on a report's
check-in from the team view (the report reads it on their own check-in), and the team view
of the seeded Assembly team, whose moods only the manager chain sees."""
from __future__ import annotations

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
