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


# Answers /auth/config without a round trip, as a fast gateway on a busy machine can: the
# sign-in settles before the page's effects have run (before the first frame is painted).
INSTANT_CONFIG = """
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => String(input) === "/auth/config"
  ? Promise.resolve(new Response(JSON.stringify({ oidc: null, devLogin: true }),
      { headers: { "content-type": "application/json" } }))
  : realFetch(input, init);
"""


def test_a_sign_in_that_settles_before_the_first_paint_still_shows_the_page(open_page):
    page = open_page()
    page.add_init_script(INSTANT_CONFIG)
    page.goto("/")
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


def sign_in_through_the_provider(page, email: str, password: str = "kaizen-demo"):
    page.get_by_role("button", name="Sign in through your organisation").click()
    expect(page.get_by_role("heading", name="Sign in to your organisation")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_signing_in_through_the_embedded_provider_reaches_the_board_and_signs_out(
        open_page, portal):
    page = open_page()
    page.goto("/")
    sign_in_through_the_provider(page, "ben.okafor@kaizen.example", password="wrong")
    expect(page.get_by_role("alert")).to_contain_text("do not match")  # still at the provider
    page.get_by_label("Password").fill("kaizen-demo")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Ideas")).to_be_visible()
    assert page.url.startswith(portal.url)
    expect(page.locator(".who")).to_contain_text("Ben Okafor")
    # the token is held in memory only: nothing readable in either storage
    stored = page.evaluate("JSON.stringify([sessionStorage, localStorage])")
    assert "eyJ" not in stored, stored
    page.reload()  # the provider is asked again, silently
    expect(page.locator(".who")).to_contain_text("Ben Okafor")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert page.url.startswith(portal.url)
    page.get_by_role("button", name="Sign in through your organisation").click()
    expect(page.get_by_role("heading", name="Sign in to your organisation")).to_be_visible()
