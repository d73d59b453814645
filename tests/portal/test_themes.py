"""Themes in the browser: broad areas that open into their themes (keywords, size and
trend); a theme's ideas; and the idea page naming its theme."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


AREAS = """{ themeAreas(first: 20) { label size themeCount keywords
                themes(first: 15) { label size keywords unaddressed } } }"""


def test_a_user_opens_an_area_to_its_themes(open_page, stack):
    token = stack.token("ana.silva@kaizen.example")
    areas = stack.gql(AREAS, token=token)["themeAreas"]
    assert areas  # the seed's ideas form themes, and themes form areas
    area = areas[0]

    page = sign_in(open_page(), "Ana Silva")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Themes").click()
    sections = page.get_by_role("list", name="Areas").locator("> li")
    expect(sections).to_have_count(len(areas))
    first = sections.first
    toggle = first.get_by_role("button", name=area["label"])
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first).to_contain_text(f"{area['size']} idea")
    expect(first.locator(".tag").first).to_have_text(area["keywords"][0])
    themes = page.get_by_role("list", name=f"Themes in {area['label']}")
    expect(themes).to_have_count(0)  # closed until opened

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(themes.get_by_role("link")).to_have_text([t["label"] for t in area["themes"]])
    screenshot(page, "theme-areas")
    toggle.click()
    expect(themes).to_have_count(0)


def test_themes_list_opens_a_theme_whose_ideas_name_it(open_page, stack):
    token = stack.token("ana.silva@kaizen.example")
    area = stack.gql(AREAS, token=token)["themeAreas"][0]
    largest = area["themes"][0]

    page = sign_in(open_page(), "Ana Silva")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Themes").click()
    page.get_by_role("button", name=area["label"]).click()
    cards = page.get_by_role("list", name=f"Themes in {area['label']}").locator("> li")
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
    areas = stack.gql(AREAS, token=token)["themeAreas"]
    flagged_areas = [a for a in areas if any(t["unaddressed"] for t in a["themes"])]
    page = sign_in(open_page(375, 800), "Ana Silva")
    page.goto("/#/themes")
    sections = page.get_by_role("list", name="Areas").locator("> li")
    expect(sections.first).to_be_visible()
    # an area holding one stands out before it is opened, and so does the theme inside
    expect(sections.filter(has=page.locator(".badge.warn"))).to_have_count(len(flagged_areas))
    area = flagged_areas[0]
    page.get_by_role("button", name=area["label"]).click()
    inside = page.get_by_role("list", name=f"Themes in {area['label']}").locator("> li")
    expect(inside.filter(has=page.locator(".badge.warn")).first).to_contain_text("Unaddressed")
    page.get_by_label("Only unaddressed themes").check()
    cards = page.get_by_role("list", name="Themes").locator("> li")
    expect(cards).to_have_count(len(unaddressed))
    expect(cards.filter(has_not=page.locator(".badge.warn"))).to_have_count(0)
    expect(cards.get_by_role("link")).to_have_text([t["label"] for t in unaddressed])
    screenshot(page, "themes-unaddressed-mobile")
