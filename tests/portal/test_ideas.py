"""Ideas in the browser: submit (errors next to their field), find on the board, vote,
comment, and a reviewer's assessment."""
from __future__ import annotations

import time
import uuid

from playwright.sync_api import Page, expect

from tests.portal.conftest import screenshot, sign_in


def submit_idea(page: Page, title: str) -> str:
    page.goto("/#/ideas/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Problem").fill("Label printers jam twice a shift on line 3.")
    page.get_by_label("Tags").fill("printing, line-3")
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    return page.url.rsplit("/", 1)[-1]


def test_a_refused_idea_shows_the_error_next_to_its_field_and_stores_nothing(open_page):
    page = sign_in(open_page(), "Ana Silva")
    page.goto("/#/ideas/new")
    page.get_by_label("Problem").fill("Something is slow.")
    page.get_by_role("button", name="Submit idea").click()
    title = page.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    error = page.locator(".field.invalid .field-error")
    expect(error).to_have_count(1)
    assert "title" in page.locator(".field.invalid label").inner_text().lower()
    screenshot(page, "idea-submit-error")
    expect(page.get_by_role("heading", name="Submit an idea")).to_be_visible()


def test_submitted_idea_is_found_on_the_board_and_voted_for_by_a_colleague(open_page):
    title = f"Spare label rolls at printer {uuid.uuid4().hex[:6]}"
    author = sign_in(open_page(), "Ana Silva")
    idea_id = submit_idea(author, title)
    expect(author.locator(".vote .count")).to_have_text("0 votes")
    expect(author.locator(".meta .badge").first).to_have_text("Submitted")
    screenshot(author, "idea-page")

    colleague = sign_in(open_page(), "Tom Becker")
    colleague.goto("/#/ideas")
    expect(colleague.locator(".cards > li").first).to_be_visible()
    screenshot(colleague, "idea-board")
    colleague.get_by_label("Search").fill(title.rsplit(" ", 1)[-1])
    card = colleague.locator(".cards > li", has_text=title)
    expect(colleague.locator(".cards > li")).to_have_count(1)
    card.get_by_role("button", name=f"Vote for {title}", exact=True).click()
    expect(card.locator(".count")).to_have_text("1 vote")

    colleague.goto(f"/#/ideas/{idea_id}")
    withdraw = colleague.get_by_role("button", name=f"Withdraw your vote for {title}")
    expect(withdraw).to_have_attribute("aria-pressed", "true")
    colleague.get_by_label("Add a comment").fill("We lose ten minutes a shift to this too.")
    colleague.get_by_role("button", name="Comment").click()
    expect(colleague.locator(".comments")).to_contain_text("We lose ten minutes a shift")
    expect(colleague.get_by_role("heading", name="Comments (1)")).to_be_visible()

    author.reload()
    expect(author.locator(".vote .count")).to_have_text("1 vote")
    expect(author.get_by_role("heading", name="Review")).to_have_count(0)

    author.goto("/#/ideas")
    author.get_by_label("Only my ideas").check()
    expect(author.locator(".cards > li", has_text=title)).to_be_visible()
    expect(author.locator(".cards > li").filter(has_not_text="Ana Silva")).to_have_count(0)


def test_a_reviewer_assesses_and_moves_an_idea_and_a_decline_needs_a_reason(open_page):
    title = f"Colour-code the torque settings {uuid.uuid4().hex[:6]}"
    idea_id = submit_idea(sign_in(open_page(), "Mei Chen"), title)
    reviewer = sign_in(open_page(), "Ben Okafor")
    reviewer.goto(f"/#/ideas/{idea_id}")
    reviewer.get_by_label("Impact (1 to 5)").select_option("5")
    reviewer.get_by_label("Effort (1 to 5)").select_option("1")
    reviewer.get_by_role("button", name="Save assessment").click()
    expect(reviewer.get_by_role("region", name="Assessment")).to_contain_text("Quick win")

    reviewer.get_by_label("Move to").select_option("DECLINED")
    reviewer.get_by_role("button", name="Move").click()
    expect(reviewer.get_by_label("Reason (required to decline)")).to_have_attribute(
        "aria-invalid", "true")
    reviewer.get_by_label("Move to").select_option("IN_REVIEW")
    reviewer.get_by_role("button", name="Move").click()
    history = reviewer.get_by_role("region", name="History")
    expect(history).to_contain_text("In review by Ben Okafor")
    screenshot(reviewer, "idea-review")


def test_typing_an_idea_offers_a_similar_one_to_vote_for_instead(open_page, portal):
    word = f"labelprinter{uuid.uuid4().hex[:6]}"
    existing = f"Spare {word} ribbons"
    submit = "mutation($i: SubmitIdeaInput!) { submitIdea(input: $i) { __typename } }"
    portal.gql(submit, {"i": {"title": existing}}, portal.token("ana.silva@kaizen.example"))
    typed = f"Keep {word} ribbons at the line"
    indexed(portal, typed, existing)

    page = sign_in(open_page(), "Tom Becker")
    page.goto("/#/ideas/new")
    page.get_by_label("Title").fill(typed)
    similar = page.get_by_role("complementary", name="Similar ideas")
    offered = similar.locator("li", has_text=existing)
    expect(offered.locator(".count")).to_have_text("0 votes")
    offered.get_by_role("button", name=f"Vote for {existing}", exact=True).click()
    expect(offered.locator(".count")).to_have_text("1 vote")
    withdraw = offered.get_by_role("button", name=f"Withdraw your vote for {existing}")
    expect(withdraw).to_have_attribute("aria-pressed", "true")
    screenshot(page, "idea-submit-similar")

    page.get_by_label("Title").fill("Colour-coded change parts for every press")
    done = similar.locator("li", has_text="Colour-coded change parts")  # seeded, implemented
    expect(done).to_contain_text("Implemented")
    expect(done.get_by_role("button")).to_have_count(0)


SIMILAR = "query($t: String!) { similarIdeas(text: $t, first: 4) { idea { title } } }"


def indexed(portal, text: str, title: str) -> None:
    """Waits until insights (by event) offers `title` for `text`, as the panel will; asks
    as a colleague twice a second (within the per-person rate of model-backed queries)."""
    token = portal.token("carla.meyer@kaizen.example")
    for _ in range(120):
        found = portal.gql(SIMILAR, {"t": text}, token)["similarIdeas"]
        if any(f["idea"] and f["idea"]["title"] == title for f in found):
            return
        time.sleep(0.5)
    raise AssertionError(f"insights never offered {title!r} for {text!r}")


def test_a_possible_duplicate_is_marked_and_can_be_called_not_the_same(open_page):
    page = sign_in(open_page(), "Tom Becker")
    page.goto("/#/ideas/new")
    page.get_by_label("Title").fill("Put up a shadow board so nobody hunts for torque wrenches")
    similar = page.get_by_role("complementary", name="Similar ideas")
    offered = similar.locator("li", has_text="Shadow board for torque wrenches")  # seeded
    expect(offered).to_contain_text("Possible duplicate")
    offered.get_by_role("button", name="Not the same as Shadow board for torque wrenches").click()
    expect(offered).to_contain_text("You said it is not the same.")
    expect(offered).not_to_contain_text("Possible duplicate")
    screenshot(page, "idea-submit-not-the-same")


def test_the_board_pages_forward_and_back(open_page):
    page = sign_in(open_page(), "Tom Becker")
    page.goto("/#/ideas")
    pager = page.get_by_role("navigation", name="Pages of ideas")
    expect(pager).to_contain_text("Page 1 of")
    first = page.locator(".cards > li").first.inner_text()
    expect(pager.get_by_role("button", name="Previous")).to_be_disabled()
    pager.get_by_role("button", name="Next").click()
    expect(pager).to_contain_text("Page 2 of")
    expect(page.locator(".cards > li").first).not_to_have_text(first)
    pager.get_by_role("button", name="Previous").click()
    expect(pager).to_contain_text("Page 1 of")
    expect(pager.get_by_role("button", name="Previous")).to_be_disabled()
