"""Deactivating and reactivating a person on a real broker, against SQLite and PostgreSQL:
admins only (the matrix), idempotent, one event each way through the outbox; the person's
open applications are withdrawn (their owners see it), pending mentoring requests too; they
drop out of mentor lists, programme suggestions and others' directory searches; their own
data stays; reactivation brings them back."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from admin.cli import main as kaizen_admin
from services.career.models import OUTBOX
from shared.clock import today
from shared.errors import Conflict, NotFound, PermissionDenied
from tests.integration.career.support import call, staff
from tests.support.services import outbox_events

TEAM = [
    {"name": "Olga Owner", "email": "olga@example.org", "team": "Logistics",
     "roles": ["manager"]},
    {"name": "Pia Picker", "email": "pia@example.org", "team": "Logistics"},
    {"name": "Ben Coach", "email": "ben@example.org", "team": "Quality"},
    {"name": "Ana Tech", "email": "ana@example.org", "team": "Assembly"},
]

events = partial(outbox_events, OUTBOX)


@pytest.fixture
def people(career):
    return staff(career, TEAM)


def gig(career, owner, title="Forklift cover"):
    return call(career, "post_opportunity", {
        "kind": "GIG", "title": title, "team": "Logistics", "capacity": 2,
        "skills": [{"name": "operate forklift", "level": 3, "required": True}]},
        identity=owner)


@pytest.mark.parametrize("who", ["olga", "pia"])  # a manager, an employee
def test_only_admins_deactivate_or_reactivate(career, people, who):
    for method in ("deactivate_person", "reactivate_person"):
        with pytest.raises(PermissionDenied):
            call(career, method, people["ben"].user_id, identity=people[who])
    assert call(career, "get_people", [people["ben"].user_id])[0]["active"] is True


def test_an_unknown_person_is_not_found(career, people):
    with pytest.raises(NotFound):
        call(career, "deactivate_person", "no-such-person")


def test_deactivation_is_idempotent_with_one_event_each_way(career, career_db, people):
    ben = people["ben"].user_id
    assert call(career, "deactivate_person", ben)["active"] is False
    assert call(career, "deactivate_person", ben)["active"] is False
    assert events(career_db, "person_deactivated") == [
        {"person_id": ben, "withdrawn_application_ids": []}]
    assert call(career, "reactivate_person", ben)["active"] is True
    assert call(career, "reactivate_person", ben)["active"] is True
    assert events(career_db, "person_reactivated") == [{"person_id": ben}]
    assert [e["person_id"] for e in events(career_db, "profile_updated")] == [ben]


def test_open_applications_are_withdrawn_and_their_owners_see_it(career, career_db, people):
    olga, pia = people["olga"], people["pia"]
    pending, placed, history = gig(career, olga), gig(career, olga, "Nights"), gig(
        career, olga, "Last year")
    mine = {g["id"]: call(career, "express_interest", g["id"], identity=pia)["id"]
            for g in (pending, placed, history)}
    for g in (placed, history):
        call(career, "decide_application", mine[g["id"]], "ACCEPT", identity=olga)
    call(career, "close_opportunity", history["id"], identity=olga)
    call(career, "deactivate_person", pia.user_id)
    seen = call(career, "get_applications_for", [pending["id"], placed["id"], history["id"]],
                identity=olga)
    assert [a[0]["status"] for a in seen] == ["WITHDRAWN", "WITHDRAWN", "ACCEPTED"]
    [event] = events(career_db, "person_deactivated")
    assert sorted(event["withdrawn_application_ids"]) == sorted(
        [mine[pending["id"]], mine[placed["id"]]])
    call(career, "reactivate_person", pia.user_id)  # withdrawn ones stay withdrawn
    assert sorted(a["status"] for a in call(career, "my_applications", identity=pia)) == [
        "ACCEPTED", "WITHDRAWN", "WITHDRAWN"]


def test_they_leave_mentor_lists_and_others_directory_but_keep_their_data(career, people):
    ana, ben, olga = people["ana"], people["ben"], people["olga"]
    call(career, "update_profile", ben.user_id, {
        "headline": "Coach", "mentoring_skills": ["root cause analysis"],
        "aspirations": "Lead the quality team"}, identity=ben)
    request = call(career, "request_mentoring", ben.user_id, ["root cause analysis"],
                   identity=ana)
    call(career, "deactivate_person", ben.user_id)

    assert call(career, "find_mentors", ["root cause analysis"], identity=ana) == []
    assert [r["status"] for r in call(career, "my_mentoring_requests", identity=ana)] == [
        "WITHDRAWN"]
    assert call(career, "my_mentoring_requests", identity=ana)[0]["id"] == request["id"]
    with pytest.raises(Conflict):
        call(career, "request_mentoring", ben.user_id, ["root cause analysis"], identity=ana)
    for who in (ana, olga):  # an employee, a manager
        names = [p["name"] for p in call(career, "list_people", search="ben",
                                         identity=who)["items"]]
        assert names == []
    [seen] = call(career, "list_people", search="ben")["items"]  # an admin
    assert seen["active"] is False
    [known] = call(career, "get_people", [ben.user_id], identity=ana)  # still named by id
    assert known["name"] == "Ben Coach" and known["active"] is None  # admins see `active`
    mine = call(career, "get_profiles", [ben.user_id])[0]  # kept, nothing deleted
    assert mine["aspirations"] == "Lead the quality team"

    call(career, "reactivate_person", ben.user_id)
    assert [m["person"]["name"] for m in call(career, "find_mentors", [
        "root cause analysis"], identity=ana)] == ["Ben Coach"]
    assert [p["name"] for p in call(career, "list_people", search="ben",
                                    identity=ana)["items"]] == ["Ben Coach"]


def test_they_leave_programme_suggestions_and_their_pending_matches_are_declined(
        career, people, monkeypatch):
    monkeypatch.setenv("KAIZEN_SERVICES", "career")  # suggestions by skills, without the model
    ana, ben, pia, olga = people["ana"], people["ben"], people["pia"], people["olga"]
    programme = call(career, "create_mentoring_programme", {
        "name": "Quality mentoring", "starts_on": today().isoformat(),
        "ends_on": (today() + timedelta(days=90)).isoformat()})
    for mentor in (ben, olga):
        call(career, "enrol_in_programme", programme["id"], {
            "role": "MENTOR", "skills": ["SPC"], "capacity": 2}, identity=mentor)
    for mentee in (ana, pia):
        call(career, "enrol_in_programme", programme["id"], {
            "role": "MENTEE", "skills": ["SPC"], "goal": "Read a control chart"},
            identity=mentee)
    match = call(career, "request_match", programme["id"], ben.user_id, identity=ana)

    def suggested(who) -> set[str]:
        return {s["person_id"] for s in call(career, "suggested_mentors", programme["id"],
                                             identity=who)}

    assert suggested(pia) == {ben.user_id, olga.user_id}
    call(career, "deactivate_person", ben.user_id)
    assert suggested(pia) == {olga.user_id}
    [declined] = [m for m in call(career, "my_mentorships", identity=ana)
                  if m["id"] == match["id"]]
    assert declined["status"] == "DECLINED"
    with pytest.raises(Conflict):
        call(career, "request_match", programme["id"], ben.user_id, identity=pia)
    assert call(career, "request_match", programme["id"], olga.user_id,
                identity=ana)["status"] == "PENDING"  # free to ask another mentor


def test_kaizen_admin_people_deactivate_and_reactivate(career, people, rabbit_config,
                                                       monkeypatch, capsys):
    monkeypatch.setenv("AMQP_URI", rabbit_config["AMQP_URI"])
    assert kaizen_admin(["people", "deactivate", "BEN@example.org"]) == 0
    assert "Ben Coach <ben@example.org>: deactivated" in capsys.readouterr().out
    assert call(career, "get_people", [people["ben"].user_id])[0]["active"] is False
    assert kaizen_admin(["people", "reactivate", "ben@example.org"]) == 0
    assert "ben@example.org>: active" in capsys.readouterr().out
    assert kaizen_admin(["people", "deactivate", "nobody@example.org"]) == 1
    assert "no person with the e-mail nobody@example.org" in capsys.readouterr().out
