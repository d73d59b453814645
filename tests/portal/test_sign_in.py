"""Signing in with the development sign-in, by mouse and by keyboard, and signing out."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_the_demo_people_are_listed_and_sign_out_forgets_the_token(open_page):
    page = open_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in to Kaizen")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in as Ben Okafor")).to_contain_text(
        "Continuous Improvement Lead")
    screenshot(page, "sign-in")

    sign_in(page, "Ana Silva")
    expect(page.locator(".who")).to_contain_text("Ana Silva")
    assert page.evaluate("sessionStorage.getItem('kaizen.session')")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Kaizen")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('kaizen.session')") is None
    page.reload()
    expect(page.get_by_role("heading", name="Sign in to Kaizen")).to_be_visible()


def test_a_keyboard_alone_signs_in_and_reaches_every_section(open_page):
    page = open_page()
    page.goto("/")
    page.get_by_role("button", name="Sign in as Ana Silva").wait_for()
    page.keyboard.press("Tab")  # the first demo person
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Sign in as ")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ideas")).to_be_focused()  # where the page starts
    nav = page.get_by_role("navigation", name="Main")
    for _ in range(8):  # back up into the navigation, above the heading
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Reflections":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My reflections")).to_be_focused()
    expect(nav.get_by_role("link", name="Reflections")).to_have_attribute("aria-current", "page")
