"""Every page at phone width (375 px): nothing wider than the screen, every input labelled;
the pages only managers have, as a manager."""
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

MANAGER_PAGES = {"team": "/#/growth/team", "schedule-one-on-ones": "/#/growth/one-on-ones"}

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && !el.labels?.length && !el.getAttribute('aria-label'))
  .map(el => el.outerHTML)"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("person", "pages"), [("Ana Silva", PAGES),
                                               ("Carla Meyer", MANAGER_PAGES)],
                         ids=["employee", "manager"])
def test_pages_fit_the_screen_and_label_every_input(open_page, width, person, pages):
    page = sign_in(open_page(width=width), person)
    for name, path in pages.items():
        page.goto(path)
        page.locator("h1").wait_for()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert page.evaluate(UNLABELLED) == [], name
        screenshot(page, f"{name}-{width}")
