"""The admins' people page in Chromium: a CSV chosen as a file is checked with a dry run
that shows the bad row's column and writes nothing; fixed (pasted) and checked again, it is
applied and the new person is listed, then deactivated; an employee sees no link to the
page and is refused on it; the page fits a phone."""
from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in
from tests.portal.test_layout import UNLABELLED

HEADER = "email,name,team,manager_email,roles\n"


def people_csv(tag: str, roles: str) -> str:
    return (HEADER + f"nia.{tag}@kaizen.example,Nia {tag},Paint Shop,,\n"
            f"omar.{tag}@kaizen.example,Omar {tag},Paint Shop,nia.{tag}@kaizen.example,"
            f"{roles}\n")


def test_an_admin_checks_a_csv_sees_the_bad_row_fixes_it_and_applies(open_page):
    tag = uuid.uuid4().hex[:8]
    page = sign_in(open_page(), "Dev Patel")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    page.get_by_label("CSV file").set_input_files(files=[{
        "name": "people.csv", "mimeType": "text/csv",
        "buffer": people_csv(tag, "reviewer;emperor").encode()}])
    expect(page.get_by_label("Or paste the CSV")).to_have_value(
        people_csv(tag, "reviewer;emperor"))
    page.get_by_role("button", name="Check (dry run)").click()

    problems = page.get_by_role("table", name="Problems by row")
    expect(problems.locator("tbody tr")).to_have_count(1)
    row = problems.locator("tbody tr").first
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(1)).to_have_text("roles")
    expect(row.locator("td").nth(2)).to_contain_text("unknown emperor")
    expect(page.get_by_role("alert").filter(has_text="nothing was written")).to_be_visible()
    expect(page.get_by_role("button", name="Apply")).to_be_disabled()
    screenshot(page, "admin-people-import-problems")
    page.get_by_label("Search people").fill(tag)
    expect(page.get_by_text("Nobody matches.")).to_be_visible()  # nothing applied

    page.get_by_label("Or paste the CSV").fill(people_csv(tag, "reviewer"))
    expect(page.get_by_role("button", name="Apply")).to_be_disabled()  # check it first
    page.get_by_role("button", name="Check (dry run)").click()
    expect(page.get_by_role("status").filter(has_text="No problems")).to_contain_text(
        "2 row(s): 2 new")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status").filter(has_text="Applied.")).to_be_visible()
    directory = page.get_by_role("table", name="Directory")
    omar = directory.locator("tbody tr", has_text=f"omar.{tag}@kaizen.example")
    expect(omar).to_contain_text("employee, reviewer")
    expect(directory.locator("tbody tr")).to_have_count(2)
    screenshot(page, "admin-people")

    omar.get_by_role("button", name=f"Deactivate Omar {tag}").click()
    expect(omar).to_contain_text("Deactivated")  # an admin still finds them, marked
    omar.get_by_role("button", name=f"Reactivate Omar {tag}").click()
    expect(omar).to_contain_text("Active")


def test_an_employee_sees_no_people_link_and_the_page_refuses_them(open_page):
    page = sign_in(open_page(), "Tom Becker")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Profile")).to_be_visible()
    expect(nav.get_by_role("link", name="People", exact=True)).to_have_count(0)
    page.goto("/#/admin/people")
    expect(page.get_by_role("alert")).to_contain_text("Only admins")
    expect(page.get_by_role("button", name="Check (dry run)")).to_have_count(0)
    expect(page.get_by_label("CSV file")).to_have_count(0)


def test_the_page_fits_a_phone_and_labels_every_input(open_page):
    page = sign_in(open_page(width=375), "Dev Patel")
    page.goto("/#/admin/people")
    expect(page.get_by_role("table", name="Directory")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate(UNLABELLED) == []
    screenshot(page, "admin-people-375")
