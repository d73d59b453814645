"""The ideas service on a real broker, against SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from nameko.testing.services import entrypoint_hook

from services.ideas.models import OUTBOX, Idea, StatusChange
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from tests.integration.ideas.support import call, events, open_campaign
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.services import count


def test_submitted_idea_is_stored_with_normalised_tags_and_author(ideas):
    container, _ = ideas
    idea = call(container, "submit_idea", {
        "title": "  Shadow   board for wrenches ", "problem": "Tools go missing",
        "tags": ["5S", "Tools", "tools", " Quick Win "],
    })
    assert idea["title"] == "Shadow board for wrenches"
    assert idea["tags"] == ["5s", "tools", "quick-win"]
    assert idea["status"] == "SUBMITTED"
    assert idea["author_id"] == ANA.user_id
    assert call(container, "get_ideas", [idea["id"]]) == [idea]


def test_two_character_title_names_the_field_and_stores_nothing(ideas):
    container, url = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "submit_idea", {"title": "ab", "tags": ["x"] * 3})
    assert [e["field"] for e in raised.value.errors] == ["title"]
    assert count(url, Idea.__table__) == 0
    assert count(url, OUTBOX) == 0


def test_every_bad_field_is_named_at_once(ideas):
    container, _ = ideas
    tags = [f"tag{i}" for i in range(11)]
    with pytest.raises(ValidationError) as raised:
        call(container, "submit_idea", {"title": "", "problem": "x" * 5001, "tags": tags})
    assert {e["field"] for e in raised.value.errors} == {"title", "problem", "tags"}


def test_anonymous_and_forged_callers_are_refused(ideas):
    container, url = ideas
    with pytest.raises(Unauthenticated):
        call(container, "submit_idea", {"title": "Anonymous idea"}, identity=None)
    forged = {"auth": _token_signed_by_an_unpublished_key()}
    with entrypoint_hook(container, "submit_idea", context_data=forged) as hook, \
            pytest.raises(Unauthenticated):
        hook({"title": "Forged idea"})
    assert count(url, Idea.__table__) == 0


def _token_signed_by_an_unpublished_key() -> str:
    import time

    import jwt
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    now = int(time.time())
    claims = {"sub": ANA.user_id, "roles": ["admin"], "iss": "gateway", "aud": "ideas",
              "iat": now, "exp": now + 60}
    return jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA",
                      headers={"kid": "gateway-20260101T000000-000000"})


def test_get_ideas_keeps_the_order_asked_and_marks_unknown_ids(ideas):
    container, _ = ideas
    first = call(container, "submit_idea", {"title": "First idea"})
    second = call(container, "submit_idea", {"title": "Second idea"})
    got = call(container, "get_ideas", [second["id"], "missing", first["id"]])
    assert [g and g["id"] for g in got] == [second["id"], None, first["id"]]


def test_listing_pages_newest_first_without_gaps_or_repeats(ideas):
    container, _ = ideas
    titles = [f"Idea number {i}" for i in range(7)]
    for title in titles:
        call(container, "submit_idea", {"title": title})
    seen, after = [], None
    while True:
        page = call(container, "list_ideas", first=3, after=after)
        assert page["total"] == 7
        seen += [i["title"] for i in page["items"]]
        if not page["has_next"]:
            break
        after = page["end_cursor"]
    assert seen == list(reversed(titles))


def test_listing_rejects_a_page_size_out_of_range(ideas):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "list_ideas", first=0)
    assert raised.value.errors[0]["field"] == "first"


def test_submission_keeps_benefit_area_campaign_and_its_first_history_entry(ideas):
    container, url = ideas
    campaign = open_campaign(container)
    idea = call(container, "submit_idea", {
        "title": "Mirror at the aisle C exit", "problem": "Forklifts meet head-on",
        "proposal": "Convex mirror", "benefit": "Fewer near misses", "area": "Logistics",
        "campaign_id": campaign["id"]})
    assert (idea["benefit"], idea["area"], idea["campaign_id"]) == \
        ("Fewer near misses", "Logistics", campaign["id"])
    assert (idea["vote_count"], idea["comment_count"], idea["priority"]) == (0, 0, None)
    [history] = call(container, "get_history_of", [idea["id"]])
    assert [(h["from_status"], h["to_status"], h["changed_by"]) for h in history] == \
        [(None, "SUBMITTED", ANA.user_id)]
    [event] = events(url, "idea_submitted")
    assert event["campaign_id"] == campaign["id"] and event["benefit"] == "Fewer near misses"


def test_a_closed_or_unknown_campaign_takes_no_idea_and_nothing_is_stored(ideas):
    container, url = ideas
    campaign = open_campaign(container)
    call(container, "close_campaign", campaign["id"], identity=ADMIN)
    ended = open_campaign(container, starts_on="2020-01-01", ends_on="2020-02-01")
    for campaign_id in (campaign["id"], ended["id"], "no-such-campaign"):
        with pytest.raises(ValidationError) as raised:
            call(container, "submit_idea", {"title": "Late idea", "campaign_id": campaign_id})
        assert raised.value.errors[0]["field"] == "campaignId"
    assert count(url, Idea.__table__) == 0 and events(url) == []


def test_only_an_admin_creates_or_closes_a_campaign(ideas):
    container, _ = ideas
    fields = {"title": "Energy", "starts_on": "2026-01-01", "ends_on": "2026-03-01"}
    for person in (ANA, BEN):
        with pytest.raises(PermissionDenied):
            call(container, "create_campaign", fields, identity=person)
    campaign = open_campaign(container)
    with pytest.raises(PermissionDenied):
        call(container, "close_campaign", campaign["id"], identity=BEN)
    assert call(container, "get_campaigns", [campaign["id"]])[0]["is_open"] is True
    closed = call(container, "close_campaign", campaign["id"], identity=ADMIN)
    assert closed["is_open"] is False and closed["closed_at"]
    assert call(container, "close_campaign", campaign["id"], identity=ADMIN) == closed


def test_campaigns_are_listed_with_their_idea_count(ideas):
    container, _ = ideas
    older = open_campaign(container, title="Older", starts_on="2020-01-01")
    newer = open_campaign(container, title="Newer")
    call(container, "submit_idea", {"title": "In the newer one", "campaign_id": newer["id"]})
    listed = call(container, "list_campaigns")
    assert [(c["title"], c["idea_count"]) for c in listed] == [("Newer", 1), ("Older", 0)]
    call(container, "close_campaign", older["id"], identity=ADMIN)
    assert [c["title"] for c in call(container, "list_campaigns", open_only=True)] == ["Newer"]


def test_a_bad_campaign_names_its_fields_and_stores_nothing(ideas):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "create_campaign", {"title": "x", "starts_on": "2026-05-01",
                                            "ends_on": "2026-04-01"}, identity=ADMIN)
    assert {e["field"] for e in raised.value.errors} == {"title", "endsOn"}
    assert call(container, "list_campaigns") == []


def test_the_author_edits_while_submitted_and_an_event_tells_others(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Label drawers", "tags": ["5s"]})
    edited = call(container, "update_idea", idea["id"],
                  {"title": "Label every drawer", "tags": ["5S", "Labels"], "problem": None})
    assert edited["title"] == "Label every drawer" and edited["tags"] == ["5s", "labels"]
    assert call(container, "get_ideas", [idea["id"]]) == [edited]
    [event] = events(url, "idea_updated")
    assert event["title"] == "Label every drawer" and event["tags"] == ["5s", "labels"]


def test_editing_another_persons_idea_is_permission_denied_even_for_a_reviewer(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Label drawers"})
    for person in (CARLA, BEN, ADMIN):
        with pytest.raises(PermissionDenied):
            call(container, "update_idea", idea["id"], {"title": "Hijacked"}, identity=person)
    assert call(container, "get_ideas", [idea["id"]])[0]["title"] == "Label drawers"
    assert events(url, "idea_updated") == []


def test_an_idea_in_review_can_no_longer_be_edited(ideas):
    container, _ = ideas
    idea = call(container, "submit_idea", {"title": "Label drawers"})
    call(container, "transition_idea", idea["id"], "IN_REVIEW", identity=BEN)
    with pytest.raises(Conflict) as raised:
        call(container, "update_idea", idea["id"], {"title": "Too late"})
    assert "SUBMITTED" in raised.value.message and "IN_REVIEW" in raised.value.message


def test_a_bad_edit_names_the_field_and_changes_nothing(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Label drawers", "tags": ["5s"]})
    with pytest.raises(ValidationError) as raised:
        call(container, "update_idea", idea["id"], {"title": "no", "tags": []})
    assert [e["field"] for e in raised.value.errors] == ["title"]
    assert call(container, "get_ideas", [idea["id"]]) == [idea]
    with pytest.raises(NotFound):
        call(container, "update_idea", "missing", {"title": "Anything"})
    assert events(url, "idea_updated") == []


def test_a_reflection_turned_into_an_idea_twice_gives_the_same_idea(ideas):
    container, url = ideas
    fields = {"title": "Pair new starters with a buddy", "source_reflection_id": "refl-1"}
    first = call(container, "submit_idea", fields)
    again = call(container, "submit_idea", fields)
    assert first == again and first["source_reflection_id"] == "refl-1"
    assert count(url, Idea.__table__) == 1 and count(url, StatusChange.__table__) == 1
    assert events(url, "idea_submitted")[0]["source_reflection_id"] == "refl-1"
    with pytest.raises(ValidationError) as raised:
        call(container, "submit_idea", fields, identity=CARLA)
    assert raised.value.errors[0]["field"] == "sourceReflectionId"
