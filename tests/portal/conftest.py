"""Playwright against the running stack: the portal is built first, then served by the
gateway; one Chromium per session, a fresh context per test, and any console error fails
the test that caused it."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from shared.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-dev-shm-usage"]
SCREENSHOTS = ROOT / "var" / "screenshots"
DOMAIN = "kaizen.example"


@pytest.fixture(scope="session")
def portal_built() -> None:
    """portal/dist up to date before the gateway starts (it mounts the folder at start)."""
    result = subprocess.run([str(ROOT / "scripts" / "portal.sh"), "build"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def portal(portal_built, stack):
    return stack


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Console:
    errors: list[str] = field(default_factory=list)

    def listen(self, page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def open_page(browser, portal, console):
    """open_page(width=1280) -> a page in a fresh context (its own session storage)."""
    contexts = []

    def make(width: int = 1280, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      base_url=portal.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        console.listen(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert console.errors == [], f"console errors: {console.errors}"


def sign_in(page: Page, name: str) -> Page:
    page.goto("/")
    page.get_by_role("button", name=f"Sign in as {name}").click()
    page.get_by_role("navigation", name="Main").wait_for()
    return page


def screenshot(page: Page, name: str) -> None:
    """The whole page once nothing is loading any more."""
    expect(page.locator("[role=status].state")).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
