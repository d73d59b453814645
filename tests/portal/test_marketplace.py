"""The marketplace in the browser: recommendations explain themselves and name the skills
to learn, a colleague expresses interest in a posted opportunity, and its owner decides."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in


def test_recommendations_show_reasons_missing_skills_and_mentors(open_page):
    page = sign_in(open_page(), "Tom Becker")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Marketplace").click()
    recommended = page.get_by_role("list", name="Recommended for you")
    cards = recommended.locator("> li")
    expect(cards.first).to_be_visible()
    missing = recommended.locator(".skills.missing").first
    expect(missing).to_contain_text("To learn:")
    card = cards.filter(has=page.locator(".skills.missing")).first
    why = card.locator(".reasons")
    expect(why).to_contain_text("Still to learn: ")
    said = why.inner_text().strip()
    assert said[0].isupper() and said.endswith(".") and "×" not in said and "weight" not in said
    numbers = card.locator(".details li").first
    expect(numbers).to_be_hidden()
    card.get_by_text("The numbers behind it").click()
    expect(numbers).to_contain_text("Profile similarity")
    expect(card.locator(".details li").last).to_contain_text("Score ")
    expect(card).to_contain_text("Mentors who can help:")
    screenshot(page, "marketplace")

    title = card.get_by_role("heading").inner_text()
    card.get_by_role("button", name=f"Not interested in {title}").click()
    expect(recommended.get_by_role("link", name=title, exact=True)).to_have_count(0)


def test_browse_filters_and_the_opportunity_page_shows_the_gap_and_role_voices(open_page):
    page = sign_in(open_page(375, 800), "Ana Silva")
    page.goto("/#/marketplace")
    page.get_by_label("Kind").select_option("ROLE")
    page.get_by_label("Search").fill("Quality Engineer")
    listing = page.get_by_role("list", name="Opportunities")
    expect(listing.locator("> li")).to_have_count(1)
    listing.get_by_role("link", name="Quality Engineer").click()
    expect(page.get_by_role("heading", name="Quality Engineer", exact=True)).to_be_visible()
    gap = page.get_by_role("region", name="Your skill gap")
    expect(gap).to_contain_text("You cover")
    expect(gap.locator(".skills.missing")).to_contain_text("root cause analysis")
    voices = page.get_by_role("region", name="From people in the role")
    expect(voices.locator("li")).not_to_have_count(0)
    screenshot(page, "opportunity-mobile")


def test_post_an_opportunity_a_colleague_is_interested_and_the_owner_accepts(open_page):
    title = f"Label printer clean-up gig {uuid.uuid4().hex[:6]}"
    owner = sign_in(open_page(), "Mei Chen")
    owner.goto("/#/marketplace/new")
    owner.get_by_label("Kind").select_option("GIG")
    owner.get_by_role("button", name="Post opportunity").click()
    expect(owner.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    owner.get_by_label("Title").fill(title)
    owner.get_by_label("Description").fill("Two afternoons cleaning and re-aligning the printers.")
    owner.get_by_role("combobox", name="Add a skill").fill("ergonom")
    owner.get_by_role("option", name="ergonomics", exact=True).click()
    owner.get_by_label("Level of ergonomics").select_option("2")
    owner.get_by_label("Hours a week").fill("4")
    owner.get_by_role("button", name="Post opportunity").click()
    expect(owner.get_by_role("heading", name=title)).to_be_visible()
    expect(owner.get_by_role("region", name="Applications (0)")).to_be_visible()
    opportunity_url = owner.url

    colleague = sign_in(open_page(), "Tom Becker")
    colleague.goto("/#/marketplace")
    colleague.get_by_label("Search").fill(title)
    colleague.get_by_role("list", name="Opportunities").get_by_role("link", name=title).click()
    expect(colleague.get_by_role("region", name="Your skill gap")).to_contain_text("ergonomics")
    colleague.get_by_label("A note for the owner").fill("I clean ours every week anyway.")
    colleague.get_by_role("button", name="Express interest").click()
    expect(colleague.get_by_role("status").filter(has_text="Waiting for the owner")).to_be_visible()
    screenshot(colleague, "opportunity-interest")

    owner.goto(opportunity_url)
    owner.reload()
    applications = owner.get_by_role("list", name="Applications")
    expect(applications).to_contain_text("I clean ours every week anyway.")
    owner.get_by_label("Message to Tom Becker").fill("Welcome, Tuesday 14:00 at line 3.")
    owner.get_by_role("button", name="Accept Tom Becker").click()
    expect(applications).to_contain_text("Accepted")
    screenshot(owner, "opportunity-owner")

    colleague.goto("/#/marketplace/mine")
    mine = colleague.get_by_role("list", name="My applications")
    card = mine.locator("> li", has_text=title)
    expect(card).to_contain_text("Accepted")
    expect(card).to_contain_text("Welcome, Tuesday 14:00 at line 3.")
    screenshot(colleague, "my-applications")


def test_ask_a_recommended_mentor_who_accepts_on_their_profile(open_page):
    page = sign_in(open_page(), "Ana Silva")
    page.goto("/#/marketplace")
    recommended = page.get_by_role("list", name="Recommended for you")
    ask = recommended.get_by_role("button", name=re.compile(r"^Ask .+ for mentoring$")).first
    mentor = re.fullmatch(r"Ask (.+) for mentoring", ask.inner_text())[1]
    ask.click()
    form = page.get_by_role("form", name=f"Ask {mentor} for mentoring")
    form.get_by_label(f"Message to {mentor}").fill("Could we meet for half an hour a week?")
    form.get_by_role("button", name="Send request").click()
    expect(recommended.get_by_role("status")).to_contain_text(f"Request sent to {mentor}")

    other = sign_in(open_page(), mentor)
    other.goto("/#/profile")
    requests = other.get_by_role("region", name="Mentoring")
    expect(requests).to_contain_text("Could we meet for half an hour a week?")
    requests.get_by_role("button", name="Accept Ana Silva's request").click()
    expect(requests.get_by_role("listitem").filter(has_text="Ana Silva asks you")
           .locator(".badge")).to_have_text("accepted")

    page.goto("/#/profile")
    mine = page.get_by_role("region", name="Mentoring")
    expect(mine.get_by_role("listitem").filter(has_text=f"You asked {mentor}")
           .locator(".badge")).to_have_text("accepted")
