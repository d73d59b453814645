"""Themes in the browser: the list with keywords, size and trend; a theme's ideas; and the
idea page naming its theme."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_themes_list_opens_a_theme_whose_ideas_name_it(open_page, stack):
    token = stack.token("ana.silva@kaizen.example")
    themes = stack.gql("{ themes(first: 1) { label size keywords } }", token=token)["themes"]
    largest = themes[0]

    page = sign_in(open_page(), "Ana Silva")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Themes").click()
    cards = page.get_by_role("list", name="Themes").locator("> li")
    first = cards.first
    expect(first.get_by_role("link")).to_have_text(largest["label"])
    expect(first).to_contain_text(f"{largest['size']} ideas")
    expect(first).to_contain_text("new in 30 days")
    expect(first.locator(".tag").first).to_have_text(largest["keywords"][0])
    screenshot(page, "themes")

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", name=largest["label"])).to_be_visible()
    ideas = page.get_by_role("list", name="Ideas in this theme").get_by_role("link")
    expect(ideas).to_have_count(largest["size"])
    screenshot(page, "theme")
    ideas.first.click()
    expect(page.locator(".meta", has_text="Theme:")).to_contain_text(largest["label"])


def test_only_unaddressed_themes_can_be_shown_and_stand_out(open_page, stack):
    token = stack.token("ana.silva@kaizen.example")
    unaddressed = stack.gql("{ themes(first: 30, unaddressed: true) { label } }",
                            token=token)["themes"]
    assert unaddressed  # the seed's shared worries about lockers that no idea addresses
    page = sign_in(open_page(375, 800), "Ana Silva")
    page.goto("/#/themes")
    cards = page.get_by_role("list", name="Themes").locator("> li")
    expect(cards.first).to_be_visible()
    flagged = cards.filter(has=page.locator(".badge.warn"))
    expect(flagged).to_have_count(len(unaddressed))  # they stand out among all themes
    expect(flagged.first).to_contain_text("Unaddressed")
    page.get_by_label("Only unaddressed themes").check()
    expect(cards).to_have_count(len(unaddressed))
    expect(cards.filter(has_not=page.locator(".badge.warn"))).to_have_count(0)
    expect(cards.get_by_role("link")).to_have_text([t["label"] for t in unaddressed])
    screenshot(page, "themes-unaddressed-mobile")
