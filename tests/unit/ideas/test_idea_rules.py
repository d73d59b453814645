"""Input validation, campaigns and the priority derived from an assessment."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from itertools import product

import pytest

from services.ideas.domain import (
    PriorityBand,
    Use,
    campaign_is_open,
    check_assessable,
    check_campaign_takes_ideas,
    check_may,
    priority,
    priority_band,
    priority_rank,
)
from services.ideas.validation import (
    IdeaFilter,
    normalise_tag,
    validate_assessment,
    validate_campaign,
    validate_comment,
    validate_listing,
    validate_submission,
    validate_update,
)
from shared.errors import Conflict, PermissionDenied, ValidationError
from shared.identity import Identity


def fields_of(raised) -> set[str]:
    return {e["field"] for e in raised.value.errors}


def test_a_submission_is_cleaned():
    clean = validate_submission({
        "title": "  Label   the drawers ", "problem": " Parts are hard to find ",
        "benefit": "Faster picks", "tags": ["5S", "Labels", "labels", " Quick Win "],
        "area": " Assembly ", "campaign_id": "c1", "source_reflection_id": "r1",
    })
    assert asdict(clean) == {
        "title": "Label the drawers", "problem": "Parts are hard to find", "proposal": "",
        "benefit": "Faster picks", "tags": ["5s", "labels", "quick-win"], "area": "Assembly",
        "campaign_id": "c1", "source_reflection_id": "r1", "source_ref": None,
    }


def test_every_bad_field_of_a_submission_is_named_at_once():
    with pytest.raises(ValidationError) as raised:
        validate_submission({"title": "ab", "proposal": "x" * 5001, "benefit": 3,
                             "tags": [f"t{i}" for i in range(11)], "area": "a" * 81})
    assert fields_of(raised) == {"title", "proposal", "benefit", "tags", "area"}


def test_tags_are_normalised_and_limited():
    assert normalise_tag("  Quick_Win! ") == "quick-win"
    with pytest.raises(ValidationError) as raised:
        validate_submission({"title": "Fine title", "tags": ["x" * 31]})
    assert fields_of(raised) == {"tags"}
    with pytest.raises(ValidationError):
        validate_submission({"title": "Fine title", "tags": "not a list"})


def test_an_update_keeps_what_it_does_not_change_and_checks_the_result():
    current = {"title": "Old title", "problem": "p", "proposal": "q", "benefit": "",
               "tags": ["a"], "area": None}
    clean = validate_update(current, {"title": "New title", "tags": None, "problem": None})
    assert clean.title == "New title" and clean.tags == ["a"] and clean.problem == "p"
    with pytest.raises(ValidationError) as raised:
        validate_update(current, {"title": "no"})
    assert fields_of(raised) == {"title"}


def test_a_comment_needs_1_to_5000_characters():
    assert validate_comment("  Good point ") == "Good point"
    for bad in ("", "   ", None, "x" * 5001):
        with pytest.raises(ValidationError) as raised:
            validate_comment(bad)
        assert fields_of(raised) == {"body"}


def test_impact_and_effort_are_whole_numbers_from_1_to_5():
    assert validate_assessment(5, 1) == (5, 1)
    with pytest.raises(ValidationError) as raised:
        validate_assessment(0, 6)
    assert fields_of(raised) == {"impact", "effort"}
    for bad in (True, 2.5, "3", None):
        with pytest.raises(ValidationError):
            validate_assessment(bad, 3)


def test_only_reviewers_assess_and_never_a_duplicate():
    check_may(Identity("rita", ("reviewer",)), Use.ASSESS)
    with pytest.raises(PermissionDenied):
        check_may(Identity("emma", ("employee",)), Use.ASSESS)
    check_assessable("IN_REVIEW")
    with pytest.raises(Conflict):
        check_assessable("DUPLICATE")


def test_quick_wins_come_first_then_by_score():
    pairs = list(product(range(1, 6), range(1, 6)))
    ranked = sorted(pairs, key=lambda p: priority_rank(*p))
    bands = [priority_band(*p) for p in ranked]
    assert bands == sorted(bands, key=list(PriorityBand).index)
    assert ranked[0] == (5, 1) and ranked[-1] == (1, 5)
    assert priority(5, 1) == 25 and priority(1, 5) == 1
    assert priority_band(5, 2) == PriorityBand.QUICK_WIN
    assert priority_band(5, 3) == PriorityBand.MAJOR_PROJECT
    assert priority_band(2, 1) == PriorityBand.FILL_IN
    assert priority_band(2, 4) == PriorityBand.THANKLESS_TASK
    assert priority_band(None, 3) is None


def test_more_impact_or_less_effort_never_lowers_the_priority():
    for impact, effort in product(range(1, 6), range(1, 6)):
        if impact < 5:
            assert priority_rank(impact + 1, effort) <= priority_rank(impact, effort)
        if effort > 1:
            assert priority_rank(impact, effort - 1) <= priority_rank(impact, effort)


def test_a_campaign_needs_a_title_and_ordered_dates():
    clean = validate_campaign({"title": "Safer aisles", "description": "Q3",
                               "starts_on": "2026-07-01", "ends_on": "2026-09-30"})
    assert clean.starts_on == date(2026, 7, 1) and clean.ends_on == date(2026, 9, 30)
    with pytest.raises(ValidationError) as raised:
        validate_campaign({"title": "", "starts_on": "tomorrow", "ends_on": "2026-09-30"})
    assert fields_of(raised) == {"title", "startsOn"}
    with pytest.raises(ValidationError) as raised:
        validate_campaign({"title": "Backwards", "starts_on": "2026-09-30",
                           "ends_on": "2026-07-01"})
    assert fields_of(raised) == {"endsOn"}


TODAY = date(2026, 8, 1)


@dataclass(frozen=True)
class _Campaign:
    starts_on: date
    ends_on: date
    closed_at: datetime | None = None
    title: str = "Safer aisles"


def _campaign(starts: date, ends: date, closed: bool = False) -> _Campaign:
    return _Campaign(starts, ends, datetime(2026, 7, 15, tzinfo=UTC) if closed else None)


def test_only_an_open_campaign_takes_ideas():
    check_campaign_takes_ideas(_campaign(date(2026, 7, 1), TODAY), TODAY)
    refused = [None, _campaign(date(2026, 7, 1), date(2026, 7, 31)),
               _campaign(date(2026, 8, 2), date(2026, 9, 1)),
               _campaign(date(2026, 7, 1), date(2026, 9, 1), closed=True)]
    for campaign in refused:
        with pytest.raises(ValidationError) as raised:
            check_campaign_takes_ideas(campaign, TODAY)
        assert fields_of(raised) == {"campaignId"}
    assert campaign_is_open(_campaign(TODAY, TODAY), TODAY)
    assert not campaign_is_open(_campaign(TODAY, TODAY, closed=True), TODAY)


def test_only_admins_manage_campaigns():
    check_may(Identity("adam", ("admin",)), Use.CREATE_CAMPAIGN)
    with pytest.raises(PermissionDenied) as raised:
        check_may(Identity("rita", ("reviewer",)), Use.CREATE_CAMPAIGN)
    assert "admin" in raised.value.message


def test_the_listing_filter_drops_empty_values_and_checks_its_order():
    flt, order = validate_listing({"status": None, "tag": " 5S ", "search": "  Torque  WRENCH",
                                   "campaign_id": "", "author_id": "a1"}, None)
    assert flt == IdeaFilter(tag="5s", search="torque wrench", author_id="a1")
    assert order == "NEWEST"
    with pytest.raises(ValidationError) as raised:
        validate_listing({"status": "LOST"}, "RANDOM")
    assert fields_of(raised) == {"status", "orderBy"}
