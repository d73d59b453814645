"""The idea listing: filters, text search and orders, paged, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from shared.errors import ValidationError
from tests.integration.ideas.support import call, open_campaign, start_ideas
from tests.support.identities import ANA, BEN, CARLA


@pytest.fixture
def board(start_service, make_db):
    """Five ideas: two in a campaign, one by Carla, one in review, with votes and tags."""
    container, _ = start_ideas(start_service, make_db)
    campaign = open_campaign(container)
    rows = [
        ("Shadow board for torque wrenches", "Tools go missing", "Mount a board", ["5s"], ANA),
        ("One-way traffic in aisle C", "Forklifts meet head-on", "Floor arrows", ["safety"],
         ANA),
        ("Mirror at the aisle exit", "Blind corner at 100% load", "Convex mirror",
         ["safety", "5s"], CARLA),
        ("Reply templates", "Agents retype answers", "Write TORQUE-free templates", [], ANA),
        ("Label every drawer", "Parts are hard to find", "Labels_and colours", ["5s"], ANA),
    ]
    ideas = {}
    for i, (title, problem, proposal, tags, author) in enumerate(rows):
        fields = {"title": title, "problem": problem, "proposal": proposal, "tags": tags}
        if i in (1, 2):
            fields["campaign_id"] = campaign["id"]
        ideas[title] = call(container, "submit_idea", fields, identity=author)
    for title, voters in (("Reply templates", (BEN, CARLA)), ("Mirror at the aisle exit", (BEN,))):
        for voter in voters:
            call(container, "vote_idea", ideas[title]["id"], identity=voter)
    call(container, "transition_idea", ideas["Label every drawer"]["id"], "IN_REVIEW",
         identity=BEN)
    return container, campaign, ideas


def titles(container, **kwargs) -> list[str]:
    return [i["title"] for i in call(container, "list_ideas", **kwargs)["items"]]


def test_each_filter_narrows_the_listing(board):
    container, campaign, _ = board
    assert titles(container, filter={"campaign_id": campaign["id"]}) == [
        "Mirror at the aisle exit", "One-way traffic in aisle C"]
    assert titles(container, filter={"tag": "Safety"}) == [
        "Mirror at the aisle exit", "One-way traffic in aisle C"]
    assert titles(container, filter={"author_id": CARLA.user_id}) == ["Mirror at the aisle exit"]
    assert titles(container, filter={"status": "IN_REVIEW"}) == ["Label every drawer"]
    both = {"tag": "5s", "campaign_id": campaign["id"]}
    assert titles(container, filter=both) == ["Mirror at the aisle exit"]
    assert call(container, "list_ideas", filter=both)["total"] == 1


def test_search_matches_title_problem_and_proposal_whatever_the_case(board):
    container, _, _ = board
    assert titles(container, filter={"search": "TORQUE"}) == [
        "Reply templates", "Shadow board for torque wrenches"]
    assert titles(container, filter={"search": "head-on"}) == ["One-way traffic in aisle C"]
    assert titles(container, filter={"search": "aisle mirror"}) == ["Mirror at the aisle exit"]
    assert titles(container, filter={"search": "100%"}) == ["Mirror at the aisle exit"]
    assert titles(container, filter={"search": "s_and"}) == ["Label every drawer"]
    assert titles(container, filter={"search": "r_a"}) == []  # "_" is no wildcard
    assert titles(container, filter={"search": "nothing like this"}) == []


def test_top_voted_puts_the_most_voted_first_then_the_newest(board):
    container, _, _ = board
    assert titles(container, order_by="TOP_VOTED")[:3] == [
        "Reply templates", "Mirror at the aisle exit", "Label every drawer"]


def test_a_filtered_listing_pages_without_gaps_or_repeats(board):
    container, _, _ = board
    seen, after = [], None
    while True:
        page = call(container, "list_ideas", first=1, after=after, filter={"tag": "5s"},
                    order_by="TOP_VOTED")
        assert page["total"] == 3
        seen += [i["title"] for i in page["items"]]
        if not page["has_next"]:
            break
        after = page["end_cursor"]
    assert seen == ["Mirror at the aisle exit", "Label every drawer",
                    "Shadow board for torque wrenches"]


def test_a_bad_filter_or_order_names_its_field(board):
    container, _, _ = board
    with pytest.raises(ValidationError) as raised:
        call(container, "list_ideas", filter={"status": "LOST"}, order_by="RANDOM")
    assert {e["field"] for e in raised.value.errors} == {"status", "orderBy"}
