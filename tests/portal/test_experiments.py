"""Experiments in the browser: the run chart explains its signals, and a member records a
point and sees the chart take it."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in

SMED = "SMED changeover cart on line 2"  # seeded: its chart shows a shift


def test_a_member_sees_the_shift_explained_and_records_a_point(open_page, stack):
    token = stack.token("carla.meyer@kaizen.example")
    found = stack.gql("{ experiments(first: 50) { edges { node { title members { name } "
                      "runChart { points { value } } } } } }", token=token)["experiments"]
    smed = next(e["node"] for e in found["edges"] if e["node"]["title"] == SMED)
    member, points = smed["members"][0]["name"], len(smed["runChart"]["points"])

    page = sign_in(open_page(), member)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Experiments").click()
    page.get_by_role("link", name=SMED).click()
    expect(page.get_by_role("heading", name=SMED)).to_be_visible()
    shift = page.get_by_role("list", name="Signals").locator(".signal-shift")
    expect(shift).to_contain_text("a shift, not noise")
    chart = page.get_by_role("img", name=f"{points} points", exact=False)
    expect(chart).to_be_visible()
    screenshot(page, "experiment")

    page.get_by_label("Value").fill("7")
    page.get_by_label("Note").fill("recorded from the portal")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("img", name=f"{points + 1} points", exact=False)).to_be_visible()


def test_the_experiment_list_links_every_seeded_experiment(open_page):
    page = sign_in(open_page(375, 800), "Ana Silva")
    page.goto("/#/experiments")
    experiments = page.get_by_role("list", name="Experiments")
    expect(experiments.get_by_role("link", name=SMED)).to_be_visible()
    screenshot(page, "experiments-mobile")
