"""Opportunities, applications and role voices on a real broker, against SQLite and
PostgreSQL: who may change what, one application per person, applicants who cannot see
each other, capacity, filters."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select

from services.career.models import OUTBOX
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.integration.career.support import SKILLS, call, staff
from tests.support.identities import ADMIN

TEAM = [
    {"name": "Olga Owner", "email": "olga@example.org", "team": "Logistics",
     "title": "Logistics Manager", "roles": ["manager"]},
    {"name": "Pia Picker", "email": "pia@example.org", "team": "Logistics",
     "title": "Forklift Operator"},
    {"name": "Raj Rider", "email": "raj@example.org", "team": "Assembly",
     "title": "Line Operator"},
    {"name": "Sue Spare", "email": "sue@example.org", "team": "Quality",
     "title": "Quality Engineer"},
]


@pytest.fixture
def people(career):
    return staff(career, TEAM)


def post(container, who, **fields):
    base = {"kind": "GIG", "title": "Forklift cover for nights", "team": "Logistics",
            "skills": [{"name": "operate forklift", "level": 3, "required": True}],
            "capacity": 1}
    return call(container, "post_opportunity", {**base, **fields}, identity=who)


def event_types(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(OUTBOX.c.event_type, OUTBOX.c.payload)
                            .order_by(OUTBOX.c.seq)).all()
    engine.dispose()
    return [t for t, p in rows if json.loads(p)["data"] is not None]


def test_owner_posts_updates_and_closes_others_cannot(career, career_db, people):
    olga, pia = people["olga"], people["pia"]
    posted = post(career, olga, remote=True, hours_per_week=6,
                  closes_on=(date.today() + timedelta(days=14)).isoformat())
    assert posted["status"] == "OPEN" and posted["owner_id"] == olga.user_id
    assert posted["skills"] == [{"skill": {"id": SKILLS["forklift"], "name": "operate forklift",
                                           "custom": False}, "level": 3, "required": True}]
    with pytest.raises(PermissionDenied):
        call(career, "update_opportunity", posted["id"], {"title": "Mine now"}, identity=pia)
    with pytest.raises(PermissionDenied):
        call(career, "close_opportunity", posted["id"], identity=pia)
    updated = call(career, "update_opportunity", posted["id"], {"capacity": 2}, identity=olga)
    assert updated["capacity"] == 2 and updated["title"] == posted["title"]
    assert updated["skills"] == posted["skills"] and updated["hours_per_week"] == 6
    closed = call(career, "close_opportunity", posted["id"], identity=ADMIN)
    assert closed["status"] == "CLOSED"
    with pytest.raises(Conflict):
        call(career, "close_opportunity", posted["id"], identity=olga)
    assert [t for t in event_types(career_db) if t.startswith("opportunity")] == [
        "opportunity_posted", "opportunity_updated", "opportunity_closed"]


def test_bad_opportunity_names_every_field_and_stores_nothing(career, people):
    olga = people["olga"]
    with pytest.raises(ValidationError) as raised:
        post(career, olga, kind="HOBBY", title="ab", capacity=0,
             closes_on=(date.today() - timedelta(days=1)).isoformat(),
             skills=[{"name": "", "level": 3}])
    assert {e["field"] for e in raised.value.errors} == {
        "kind", "title", "capacity", "closesOn", "skills[0].name"}
    assert call(career, "list_opportunities", identity=olga)["total"] == 0


def test_filters_by_kind_skill_team_status_and_search(career, people):
    olga, sue = people["olga"], people["sue"]
    gig = post(career, olga)
    role = post(career, sue, kind="ROLE", title="Six Sigma Black Belt", team="Quality",
                description="Lead DMAIC projects",
                skills=[{"name": "6 sigma", "level": 4, "required": True}])
    project = post(career, sue, kind="PROJECT", title="Warehouse 5S sprint", team="Logistics",
                   skills=[{"name": "5S methodology", "level": 2, "required": False}])
    call(career, "close_opportunity", project["id"], identity=sue)

    def titles(**filters):
        page = call(career, "list_opportunities", filters, identity=olga)
        return [o["title"] for o in page["items"]]

    assert titles() == [project["title"], role["title"], gig["title"]]  # newest first
    assert titles(kind="ROLE") == [role["title"]]
    assert titles(skill="Six Sigma Methods") == [role["title"]]
    assert titles(skill="underwater welding") == []
    assert titles(team="logistics", status="OPEN") == [gig["title"]]
    assert titles(status="CLOSED") == [project["title"]]
    assert titles(search="dmaic") == [role["title"]]
    ids = [role["id"], "missing", gig["id"]]
    assert [o and o["title"] for o in call(career, "get_opportunities", ids, identity=olga)] == [
        role["title"], None, gig["title"]]


def test_interest_once_per_person_not_on_own_or_closed(career, career_db, people):
    olga, pia, raj = people["olga"], people["pia"], people["raj"]
    gig = post(career, olga)
    first = call(career, "express_interest", gig["id"], "I drive nights anyway", identity=pia)
    assert first["status"] == "PENDING" and first["note"] == "I drive nights anyway"
    with pytest.raises(Conflict):
        call(career, "express_interest", gig["id"], identity=pia)
    with pytest.raises(PermissionDenied):
        call(career, "express_interest", gig["id"], identity=olga)
    withdrawn = call(career, "withdraw_interest", gig["id"], identity=pia)
    assert withdrawn["status"] == "WITHDRAWN"
    again = call(career, "express_interest", gig["id"], "Back in", identity=pia)
    assert again["id"] == first["id"] and again["status"] == "PENDING"
    call(career, "close_opportunity", gig["id"], identity=olga)
    with pytest.raises(Conflict):
        call(career, "express_interest", gig["id"], identity=raj)
    with pytest.raises(NotFound):
        call(career, "express_interest", "no-such-id", identity=raj)
    assert [a["id"] for a in call(career, "my_applications", identity=pia)] == [first["id"]]
    assert event_types(career_db).count("application_submitted") == 2


def test_applicants_see_only_their_own_owner_sees_all(career, people):
    olga, pia, raj, sue = people["olga"], people["pia"], people["raj"], people["sue"]
    gig = post(career, olga)
    mine = {who: call(career, "express_interest", gig["id"], f"from {who}",
                      identity=people[who])["id"] for who in ("pia", "raj")}

    def seen(who):
        return [a["id"] for a in call(career, "get_applications_for", [gig["id"]],
                                      identity=who)[0]]

    assert seen(olga) == [mine["pia"], mine["raj"]]
    assert seen(ADMIN) == [mine["pia"], mine["raj"]]
    assert seen(pia) == [mine["pia"]] and seen(raj) == [mine["raj"]]
    assert seen(sue) == []


def test_owner_decides_capacity_is_respected(career, career_db, people):
    olga, pia, sue = people["olga"], people["pia"], people["sue"]
    gig = post(career, olga, capacity=1)
    apps = {who: call(career, "express_interest", gig["id"], identity=people[who])["id"]
            for who in ("pia", "raj", "sue")}
    with pytest.raises(PermissionDenied):
        call(career, "decide_application", apps["raj"], "ACCEPT", identity=pia)
    accepted = call(career, "decide_application", apps["pia"], "ACCEPT", "Welcome!",
                    identity=olga)
    assert accepted["status"] == "ACCEPTED" and accepted["message"] == "Welcome!"
    with pytest.raises(Conflict) as full:
        call(career, "decide_application", apps["raj"], "ACCEPT", identity=olga)
    assert "1 of 1" in str(full.value)
    with pytest.raises(Conflict):  # decided already
        call(career, "decide_application", apps["pia"], "DECLINE", identity=olga)
    declined = call(career, "decide_application", apps["raj"], "DECLINE", identity=olga)
    assert declined["status"] == "DECLINED"
    call(career, "withdraw_interest", gig["id"], identity=pia)  # frees the place
    assert call(career, "decide_application", apps["sue"], "ACCEPT",
                identity=olga)["status"] == "ACCEPTED"
    assert call(career, "get_opportunities", [gig["id"]], identity=sue)[0][
        "accepted_count"] == 1
    assert event_types(career_db).count("application_decided") == 3
    with pytest.raises(ValidationError):
        call(career, "decide_application", apps["sue"], "MAYBE", identity=olga)


def test_role_voices_only_from_people_who_hold_or_held_the_role(career, people):
    olga, pia, raj = people["olga"], people["pia"], people["raj"]
    role = post(career, olga, kind="ROLE", title="forklift   operator")
    gig = post(career, olga, title="Line operator relief")
    holder = call(career, "add_role_voice", role["id"], "Early starts, great team.",
                  identity=pia)
    assert holder["current"] is True
    with pytest.raises(PermissionDenied):
        call(career, "add_role_voice", role["id"], "I have never done it but...", identity=raj)
    app = call(career, "express_interest", gig["id"], identity=pia)["id"]
    call(career, "decide_application", app, "ACCEPT", identity=olga)
    held = call(career, "add_role_voice", gig["id"], "Busy but you learn a lot.", identity=pia)
    assert held["current"] is False
    later = post(career, olga, kind="ROLE", title="Forklift Operator")
    voices = call(career, "get_role_voices", [later["id"], gig["id"]], identity=raj)
    assert [[v["text"] for v in vs] for vs in voices] == [
        ["Early starts, great team."], ["Busy but you learn a lot."]]
