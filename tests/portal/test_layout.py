"""Every page at phone width (375 px): nothing wider than the screen, every input labelled."""
from __future__ import annotations

import pytest

from tests.portal.conftest import screenshot, sign_in

PAGES = {"ideas": "/#/ideas", "submit-idea": "/#/ideas/new", "reflections": "/#/reflections",
         "team-feed": "/#/reflections/team", "experiments": "/#/experiments",
         "plan-experiment": "/#/experiments/new", "themes": "/#/themes",
         "marketplace": "/#/marketplace", "post-opportunity": "/#/marketplace/new",
         "my-applications": "/#/marketplace/mine", "profile": "/#/profile",
         "mentoring": "/#/mentoring", "goals": "/#/growth", "check-in": "/#/growth/check-in",
         "one-on-ones": "/#/growth/one-on-ones", "kudos": "/#/growth/kudos"}

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && !el.labels?.length && !el.getAttribute('aria-label'))
  .map(el => el.outerHTML)"""


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_and_label_every_input(open_page, width):
    page = sign_in(open_page(width=width), "Ana Silva")
    for name, path in PAGES.items():
        page.goto(path)
        page.locator("h1").wait_for()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert page.evaluate(UNLABELLED) == [], name
        screenshot(page, f"{name}-{width}")
