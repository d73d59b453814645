"""The profile in the browser: a skill found by autocomplete (by keyboard) with its level,
saved and still there after a reload; a refused value shows next to its field."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in

SKILL = "use spreadsheets software"


def test_add_a_skill_by_autocomplete_with_a_level_and_offer_mentoring(open_page):
    page = sign_in(open_page(), "Lena Vogel")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Lena Vogel")).to_be_visible()
    skills = page.get_by_role("list", name="Skills")
    expect(skills.get_by_text(SKILL)).to_have_count(0)

    picker = page.get_by_role("combobox", name="Add a skill")
    picker.fill("spreadsh")
    expect(page.get_by_role("option", name=SKILL)).to_be_visible()
    screenshot(page, "profile-autocomplete")
    picker.press("ArrowDown")
    expect(page.get_by_role("option", name=SKILL)).to_have_attribute("aria-selected", "true")
    picker.press("Enter")
    expect(picker).to_have_value("")
    page.get_by_label(f"Level of {SKILL}").select_option("4")
    page.get_by_role("group", name="I offer mentoring in").get_by_label(SKILL).check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").filter(has_text="Profile saved.")).to_have_text(
        "Profile saved.")

    page.reload()
    expect(page.get_by_label(f"Level of {SKILL}")).to_have_value("4")
    mentoring = page.get_by_role("group", name="I offer mentoring in")
    expect(mentoring.get_by_label(SKILL)).to_be_checked()
    screenshot(page, "profile")


def test_a_refused_value_shows_next_to_its_field_and_nothing_is_saved(open_page):
    page = sign_in(open_page(375, 800), "Kwame Mensah")
    page.goto("/#/profile")
    hours = page.get_by_label("Hours a week for gigs and mentoring")
    before = hours.input_value()
    page.get_by_label("Headline").fill("Changed headline that must not be saved")
    hours.fill("500")
    page.get_by_role("button", name="Save profile").click()
    expect(hours).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field.invalid .field-error")).to_contain_text("0 to")
    screenshot(page, "profile-error-mobile")
    page.reload()
    expect(page.get_by_label("Hours a week for gigs and mentoring")).to_have_value(before)
    expect(page.get_by_label("Headline")).not_to_have_value(
        "Changed headline that must not be saved")
