"""Recommendations with the career service on the same broker: its events build the read
model, its skill gap and mentors explain the score. Closed, own, applied and dismissed
opportunities never come back; the caller only ever gets their own; a deactivated mentor
is never named and their profile leaves the read model."""
from __future__ import annotations

import eventlet
import pytest
from sqlalchemy import create_engine, select

from services.insights.models import Document, Profile
from shared.errors import NotFound, Unauthenticated
from tests.integration.career.support import SKILLS, skill_subset, staff
from tests.integration.career.support import call as career_call
from tests.integration.insights.support import call, start_insights

TEAM = [
    {"name": "Olga Owner", "email": "olga@example.org", "team": "Logistics",
     "title": "Logistics Manager", "roles": ["manager"]},
    {"name": "Pia Picker", "email": "pia@example.org", "team": "Logistics",
     "title": "Forklift Operator"},
    {"name": "Raj Rider", "email": "raj@example.org", "team": "Assembly",
     "title": "Warehouse Lead"},
]


@pytest.fixture
def world(career, start_service, make_db):
    insights, url = start_insights(start_service, make_db)
    people = staff(career, TEAM)
    names = {s.id: s.name for s in skill_subset()}
    return career, insights, url, people, names[SKILLS["warehouse"]]


def opportunities(url: str) -> dict[str, bool]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Document.id, Document.active).where(
            Document.kind == "OPPORTUNITY")).all()
    engine.dispose()
    return dict(rows)


def settle(url: str, expected: dict[str, bool]) -> None:
    with eventlet.Timeout(30):
        while {k: v for k, v in opportunities(url).items() if k in expected} != expected:
            eventlet.sleep(0.05)


def post(career, who, title, description, skills, kind="GIG"):
    fields = {"kind": kind, "title": title, "description": description, "team": "Logistics",
              "capacity": 1, "skills": [{"name": n, "level": 3, "required": True}
                                        for n in skills]}
    return career_call(career, "post_opportunity", fields, identity=who)["id"]


def test_recommendations_exclude_closed_own_and_applied_and_name_missing_skills(world):
    career, insights, url, people, warehouse = world
    olga, pia, raj = people["olga"], people["pia"], people["raj"]
    career_call(career, "update_profile", pia.user_id, {
        "headline": "Forklift operator who loves warehouse logistics",
        "skills": [{"name": "operate forklift", "level": 4}],
        "interests": ["warehouse", "logistics"]}, identity=pia)
    career_call(career, "update_profile", raj.user_id, {"mentoring_skills": [warehouse]},
                identity=raj)
    nights = post(career, olga, "Forklift cover for nights",
                  "Drive the forklift in the warehouse on night shifts",
                  ["operate forklift", warehouse])
    layout = post(career, olga, "Warehouse layout redesign",
                  "Redesign the warehouse racks and aisles", [warehouse], "PROJECT")
    closed = post(career, olga, "Forklift training day", "Train new forklift drivers",
                  ["operate forklift"])
    applied = post(career, olga, "Forklift inspection gig", "Inspect the forklifts weekly",
                   ["operate forklift"])
    own = post(career, pia, "Forklift safety walk", "Walk the warehouse for forklift hazards",
               ["operate forklift"])
    career_call(career, "close_opportunity", closed, identity=olga)
    career_call(career, "express_interest", applied, identity=pia)
    settle(url, {nights: True, layout: True, closed: False, applied: True, own: True})

    found = {r["opportunity_id"]: r for r in call(insights, "recommended_opportunities",
                                                  identity=pia)}
    assert set(found) == {nights, layout}
    night = found[nights]
    assert night["matched_skills"] == ["operate forklift"]
    assert night["missing_skills"] == [warehouse]
    assert night["mentors"] == [{"id": raj.user_id, "name": "Raj Rider"}]
    assert night["reasons"][0] == "You have operate forklift at the level asked."
    assert f"Still to learn: {warehouse}." in night["reasons"]
    assert "Raj Rider mentors in what you would learn." in night["reasons"]
    assert any("Skill coverage 50%" in detail for detail in night["details"])
    assert night["score"] > found[layout]["score"]  # covers more of what it asks for

    # someone else gets their own list: Pia's application and ownership are hers alone
    for_olga = {r["opportunity_id"] for r in call(insights, "recommended_opportunities",
                                                  identity=olga)}
    assert for_olga == {own}  # she owns the others; the closed one is gone for everyone


def test_not_interested_removes_one_and_ranks_similar_ones_lower(world):
    career, insights, url, people, warehouse = world
    olga, pia = people["olga"], people["pia"]
    layout = post(career, olga, "Warehouse layout redesign",
                  "Redesign the warehouse racks and aisles", [warehouse], "PROJECT")
    again = post(career, olga, "Warehouse racking redesign for hall 3",
                 "Redesign the racks and aisles of the hall 3 warehouse", [warehouse], "PROJECT")
    settle(url, {layout: True, again: True})
    before = {r["opportunity_id"]: r for r in call(insights, "recommended_opportunities",
                                                   identity=pia)}
    assert call(insights, "not_interested", layout, identity=pia)["not_interested"] is True
    call(insights, "not_interested", layout, identity=pia)  # twice changes nothing
    after = {r["opportunity_id"]: r for r in call(insights, "recommended_opportunities",
                                                  identity=pia)}
    assert set(after) == {again}
    assert after[again]["score"] < before[again]["score"]
    assert after[again]["reasons"][-1] == (
        "Shown lower because it is like “Warehouse layout redesign”, which you marked not "
        "interested.")
    assert layout in {r["opportunity_id"] for r in call(
        insights, "recommended_opportunities", identity=people["raj"])}


def test_recommendations_need_a_caller_and_a_known_opportunity(world):
    _, insights, _, people, _ = world
    with pytest.raises(Unauthenticated):
        call(insights, "recommended_opportunities", identity=None)
    with pytest.raises(NotFound):
        call(insights, "not_interested", "no-such-opportunity", identity=people["pia"])


def profiles(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = set(conn.execute(select(Profile.person_id)).scalars())
    engine.dispose()
    return found


def settle_profiles(url: str, has: str, present: bool) -> None:
    with eventlet.Timeout(30):
        while (has in profiles(url)) != present:
            eventlet.sleep(0.05)


def test_a_deactivated_mentor_is_no_longer_recommended_and_their_profile_leaves(world):
    career, insights, url, people, warehouse = world
    olga, pia, raj = people["olga"], people["pia"], people["raj"]
    career_call(career, "update_profile", pia.user_id, {
        "headline": "Forklift operator", "skills": [{"name": "operate forklift", "level": 4}]},
        identity=pia)
    career_call(career, "update_profile", raj.user_id, {"mentoring_skills": [warehouse]},
                identity=raj)
    nights = post(career, olga, "Forklift cover for nights", "Drive the forklift at night",
                  ["operate forklift", warehouse])
    settle(url, {nights: True})
    settle_profiles(url, raj.user_id, True)

    def mentors() -> list[dict]:
        [found] = call(insights, "recommended_opportunities", identity=pia)
        return found["mentors"]

    assert mentors() == [{"id": raj.user_id, "name": "Raj Rider"}]
    career_call(career, "deactivate_person", raj.user_id)
    assert mentors() == []
    settle_profiles(url, raj.user_id, False)
    career_call(career, "reactivate_person", raj.user_id)
    settle_profiles(url, raj.user_id, True)
    assert mentors() == [{"id": raj.user_id, "name": "Raj Rider"}]
