"""Experiments in the browser: the run chart explains its signals, and a member records a
point and sees the chart take it."""
from __future__ import annotations

import uuid

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


def record(page, value: float, points_after: int) -> None:
    page.get_by_label("Value").fill(str(value))
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("img", name=f"{points_after} points", exact=False)).to_be_visible()


def test_plan_an_experiment_record_until_a_shift_is_highlighted_and_conclude(open_page):
    title = f"Kitting trolley for station 5 {uuid.uuid4().hex[:6]}"
    page = sign_in(open_page(), "Mei Chen")
    page.goto("/#/experiments")
    page.get_by_role("link", name="Plan an experiment").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Hypothesis").fill(
        "A shadow board with labelled outlines cuts the time spent searching for tools")
    similar = page.get_by_role("list", name="Similar past experiments")
    expect(similar.get_by_role("link", name="Shadow board trial at station 3")).to_be_visible()
    page.get_by_label("Metric").fill("Search time")
    page.get_by_label("Unit").fill("min")
    page.get_by_label("Baseline").fill("12")
    page.get_by_label("Target").fill("15")  # falling metric: a higher target is refused
    page.get_by_role("button", name="Plan experiment").click()
    target = page.get_by_label("Target")
    expect(target).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field.invalid .field-error")).to_have_count(1)
    screenshot(page, "experiment-plan-error")
    target.fill("6")
    page.get_by_role("button", name="Add Tom Becker as a member").click()  # a teammate
    page.get_by_label("Find a colleague").fill("Lena")
    page.get_by_role("button", name="Add Lena Vogel as a member").click()
    page.get_by_role("button", name="Plan experiment").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".meta .badge").first).to_have_text("Plan")
    expect(page.locator(".meta")).to_contain_text("members: Mei Chen, Tom Becker, Lena Vogel")

    for i, value in enumerate([12, 13, 12, 13, 12, 13], start=1):  # the baseline, in PLAN
        record(page, value, i)
    expect(page.locator(".signal-shift")).to_have_count(0)
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.locator(".meta .badge").first).to_have_text("Do")
    for i, value in enumerate([8, 7, 8, 7, 8, 7], start=7):
        record(page, value, i)
    shift = page.get_by_role("list", name="Signals").locator(".signal-shift")
    expect(shift).to_contain_text("points 7–12")
    expect(shift).to_contain_text("below the median")
    screenshot(page, "experiment-shift")

    page.get_by_role("button", name="Stop and study the results").click()
    page.get_by_role("button", name="Conclude experiment").click()
    expect(page.locator("#decision-error")).to_have_text("Choose adopt, adapt or abandon.")
    page.get_by_label("Adopt").check()
    page.get_by_label("Learnings").fill("The trolley halves the search; roll it out to line 3.")
    page.get_by_role("button", name="Conclude experiment").click()
    expect(page.get_by_role("heading", name="Decision: ADOPT")).to_be_visible()
    expect(page.get_by_role("form", name="Record a measurement")).to_have_count(0)
    screenshot(page, "experiment-concluded")


def test_a_colleague_who_is_no_member_sees_the_chart_but_cannot_record(open_page):
    page = sign_in(open_page(), "Lena Vogel")
    page.goto("/#/experiments")
    page.get_by_role("link", name=SMED).click()
    expect(page.get_by_role("heading", name=SMED)).to_be_visible()
    expect(page.get_by_role("list", name="Signals")).to_be_visible()
    expect(page.get_by_role("form", name="Record a measurement")).to_have_count(0)
    expect(page.get_by_role("button", name="Conclude experiment")).to_have_count(0)


def fill_plan(page, title: str, hypothesis: str) -> None:
    page.get_by_label("Title").fill(title)
    page.get_by_label("Hypothesis").fill(hypothesis)


def test_plan_an_experiment_from_an_idea_and_the_idea_lists_it(open_page):
    idea = "Move screw bins within arm's reach"  # seeded, accepted
    title = f"Tilted screw rack at station 4 {uuid.uuid4().hex[:6]}"
    page = sign_in(open_page(), "Tom Becker")
    page.goto("/#/ideas")
    page.get_by_label("Search").fill("screw bins")
    page.get_by_role("link", name=idea).click()
    page.get_by_role("link", name="Plan an experiment for this idea").click()
    expect(page.get_by_label("For the idea")).to_contain_text(idea)
    fill_plan(page, title, "A tilted rack in front of the operator removes the walking")
    page.get_by_label("Metric").fill("Steps per screw pick")
    page.get_by_label("Baseline").fill("2")
    page.get_by_label("Target").fill("0")
    page.get_by_role("button", name="Plan experiment").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.locator(".meta").get_by_role("link", name=idea).click()
    expect(page.get_by_role("heading", name=idea)).to_be_visible()
    expect(page.get_by_role("region", name="Experiments").get_by_role("link", name=title)
           ).to_be_visible()


def test_a_member_plans_the_follow_up_of_an_adapt_decision_and_others_cannot(open_page):
    adapted = "Shadow board trial at station 3"  # seeded: concluded with ADAPT, Ana owns it
    lena = sign_in(open_page(), "Lena Vogel")  # no member, no manager
    lena.goto("/#/experiments")
    lena.get_by_role("link", name=adapted).click()
    expect(lena.get_by_role("heading", name="Decision: ADAPT")).to_be_visible()
    expect(lena.get_by_role("link", name="Plan the follow-up")).to_have_count(0)

    title = f"Foam cut-outs for sockets {uuid.uuid4().hex[:6]}"
    page = sign_in(open_page(), "Ana Silva")
    page.goto("/#/experiments")
    page.get_by_role("link", name=adapted).click()
    page.get_by_role("link", name="Plan the follow-up").click()
    expect(page.get_by_role("heading", name="Plan the follow-up")).to_be_visible()
    expect(page.get_by_label("Follows up")).to_contain_text("sockets still go missing")
    expect(page.get_by_label("Metric")).to_have_value("Time spent looking for tools")
    expect(page.get_by_label("Baseline")).to_have_value("10")
    expect(page.get_by_role("button", name="Remove Carla Meyer")).to_be_visible()
    fill_plan(page, title, "Foam cut-outs make a missing socket as obvious as a wrench")
    screenshot(page, "experiment-follow-up-plan")
    page.get_by_role("button", name="Plan experiment").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    meta = page.locator(".meta")
    expect(meta).to_contain_text(f"follows up: {adapted}")
    expect(meta).to_contain_text("idea: Shadow board for torque wrenches")  # kept
    meta.get_by_role("link", name=adapted).click()
    expect(page.get_by_role("list", name="Follow-ups").get_by_role("link", name=title)
           ).to_be_visible()
