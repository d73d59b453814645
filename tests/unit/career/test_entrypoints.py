"""The decisions the career entrypoints make, on workers from nameko's worker_factory: who
may call, what is committed, what is emitted. (The broker-backed tier is
tests/integration/career.)"""
from __future__ import annotations

import pytest
from nameko.cli.run import import_service
from sqlalchemy import select

from services.career.models import INBOX, Application, Evidence, Person
from services.career.service import CareerService
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.identity import SYSTEM, Identity

ADMIN = Identity("admin-1", ("employee", "admin"), "HQ")
GIG = {"kind": "GIG", "title": "Stocktake weekend", "capacity": 1,
       "skills": [{"name": "Counting things", "level": 2}]}


def post(career, owner: Identity, **fields) -> dict:
    return career.call("post_opportunity", {**GIG, **fields}, identity=owner)


def test_nameko_run_finds_one_service_in_the_module():
    """The mixins are reached through their modules, so `nameko run` starts the service
    alone, not each mixin as a service of its own."""
    assert import_service("services.career.service") == [CareerService]


# --- people ---------------------------------------------------------------------------

def test_only_an_admin_imports_the_directory(career):
    with pytest.raises(PermissionDenied):
        career.call("upsert_people", [{"name": "Eve", "email": "eve@example.org"}],
                    identity=Identity("pia", ("employee", "manager")))
    assert career.rows(select(Person.id)) == [] and career.events() == []


def test_an_import_announces_everyone_and_links_managers(career):
    staff = career.call("upsert_people", [
        {"name": "Olga Owner", "email": " Olga@Example.org "},
        {"name": "Pia Picker", "email": "pia@example.org", "manager_email": "OLGA@example.org",
         "roles": ["reviewer"]}], identity=SYSTEM)
    assert career.events("person_upserted") == [
        {"person_id": staff[0], "name": "Olga Owner", "team": None, "roles": ["employee"],
         "email": "olga@example.org"},
        {"person_id": staff[1], "name": "Pia Picker", "team": None,
         "roles": ["employee", "reviewer"], "email": "pia@example.org"}]
    assert sorted(career.rows(select(Person.email, Person.manager_id))) == [
        ("olga@example.org", None), ("pia@example.org", staff[0])]


def test_one_bad_person_imports_nobody(career):
    with pytest.raises(ValidationError):
        career.call("upsert_people", [{"name": "Olga", "email": "olga@example.org"},
                                      {"name": "", "email": "not an address"}], identity=ADMIN)
    assert career.rows(select(Person.id)) == [] and career.events() == []


def test_sign_in_finds_a_person_by_email_without_a_caller(career, staff):
    found = career.call("find_person_by_email", " PIA@example.org", identity=None)
    assert found["id"] == staff["pia"].user_id
    with pytest.raises(NotFound):
        career.call("find_person_by_email", "nobody@example.org", identity=None)


# --- profiles -------------------------------------------------------------------------

def test_nobody_edits_another_persons_profile(career, staff):
    with pytest.raises(PermissionDenied):
        career.call("update_profile", staff["pia"].user_id, {"headline": "Boss says"},
                    identity=staff["olga"])
    assert career.events("profile_updated") == []


def test_a_profile_change_is_announced_with_its_skills_resolved(career, staff):
    pia = staff["pia"]
    profile = career.call("update_profile", pia.user_id, {
        "headline": "Moves pallets", "skills": [{"name": "Pallet stacking", "level": 2},
                                                {"name": "pallet  stacking", "level": 4}]},
        identity=pia)
    assert [s["level"] for s in profile["skills"]] == [4]
    [event] = career.events("profile_updated")
    assert event["headline"] == "Moves pallets"
    assert [(s["name"], s["level"]) for s in event["skills"]] == [("Pallet stacking", 4)]


# --- opportunities --------------------------------------------------------------------

def test_posting_announces_the_opportunity(career, staff):
    opportunity = post(career, staff["olga"])
    [event] = career.events("opportunity_posted")
    assert (event["opportunity_id"], event["owner_id"], event["status"]) == (
        opportunity["id"], staff["olga"].user_id, "OPEN")


@pytest.mark.parametrize(("method", "args", "event"), [
    ("update_opportunity", ({"title": "Night stocktake"},), "opportunity_updated"),
    ("close_opportunity", (), "opportunity_closed"),
])
def test_only_the_owner_or_an_admin_changes_an_opportunity(career, staff, method, args, event):
    opportunity = post(career, staff["olga"])
    with pytest.raises(PermissionDenied):
        career.call(method, opportunity["id"], *args, identity=staff["pia"])
    assert career.events(event) == []
    career.call(method, opportunity["id"], *args, identity=ADMIN)
    assert len(career.events(event)) == 1


def test_a_closed_opportunity_cannot_be_closed_again(career, staff):
    opportunity = post(career, staff["olga"])
    career.call("close_opportunity", opportunity["id"], identity=staff["olga"])
    with pytest.raises(Conflict):
        career.call("close_opportunity", opportunity["id"], identity=staff["olga"])
    assert len(career.events("opportunity_closed")) == 1


# --- applications ---------------------------------------------------------------------

def test_interest_is_announced_but_never_in_ones_own_opportunity(career, staff):
    opportunity = post(career, staff["olga"])
    with pytest.raises(PermissionDenied):
        career.call("express_interest", opportunity["id"], identity=staff["olga"])
    assert career.rows(select(Application.id)) == []
    application = career.call("express_interest", opportunity["id"], "I count well",
                              identity=staff["pia"])
    assert career.events("application_submitted") == [{
        "application_id": application["id"], "opportunity_id": opportunity["id"],
        "applicant_id": staff["pia"].user_id}]


def test_only_the_owner_decides_and_never_beyond_capacity(career, staff):
    opportunity = post(career, staff["olga"])
    first, second = (career.call("express_interest", opportunity["id"], identity=staff[name])["id"]
                     for name in ("pia", "raj"))
    with pytest.raises(ValidationError) as bad:
        career.call("decide_application", first, "MAYBE", identity=staff["olga"])
    assert bad.value.errors[0]["field"] == "decision"
    with pytest.raises(PermissionDenied):
        career.call("decide_application", first, "ACCEPT", identity=staff["raj"])
    assert career.events("application_decided") == []
    career.call("decide_application", first, "ACCEPT", "Welcome", identity=staff["olga"])
    with pytest.raises(Conflict):  # one place, taken
        career.call("decide_application", second, "ACCEPT", identity=staff["olga"])
    assert career.events("application_decided") == [{
        "application_id": first, "opportunity_id": opportunity["id"],
        "applicant_id": staff["pia"].user_id, "decision": "ACCEPT"}]
    assert sorted(career.rows(select(Application.id, Application.status))) == sorted(
        [(first, "ACCEPTED"), (second, "PENDING")])


def test_applicants_see_their_own_application_and_owners_see_all(career, staff):
    opportunity = post(career, staff["olga"])
    for name in ("pia", "raj"):
        career.call("express_interest", opportunity["id"], identity=staff[name])
    seen = {name: [a["applicant_id"] for a in career.call(
        "get_applications_for", [opportunity["id"]], identity=staff[name])[0]]
        for name in ("olga", "pia")}
    assert seen == {"olga": [staff["pia"].user_id, staff["raj"].user_id],
                    "pia": [staff["pia"].user_id]}
    assert [a["applicant_id"] for a in career.call("my_applications", identity=staff["raj"])
            ] == [staff["raj"].user_id]


def test_a_withdrawal_is_committed_and_tells_nobody(career, staff):
    opportunity = post(career, staff["olga"])
    career.call("express_interest", opportunity["id"], identity=staff["pia"])
    announced = career.events()
    withdrawn = career.call("withdraw_interest", opportunity["id"], identity=staff["pia"])
    assert withdrawn["status"] == "WITHDRAWN"
    assert career.rows(select(Application.status)) == [("WITHDRAWN",)]
    assert career.events() == announced
    with pytest.raises(Conflict):
        career.call("withdraw_interest", opportunity["id"], identity=staff["raj"])


# --- skill gaps -----------------------------------------------------------------------

def test_only_managers_see_someone_elses_skill_gap(career, staff):
    opportunity = post(career, staff["olga"])
    pia = staff["pia"].user_id
    with pytest.raises(PermissionDenied):
        career.call("skill_gap", opportunity["id"], pia, identity=staff["raj"])
    gap = career.call("skill_gap", opportunity["id"], pia, identity=staff["olga"])
    assert (gap["employee_id"], gap["coverage"]) == (pia, 0.0)
    assert [m["skill"]["name"] for m in gap["missing"]] == ["Counting things"]
    with pytest.raises(NotFound):
        career.call("skill_gap", "no-such-opportunity", identity=staff["pia"])
    gaps = career.call("skill_gaps", ["no-such-opportunity", opportunity["id"]],
                       identity=staff["pia"])
    assert gaps[0] is None and gaps[1]["opportunity_id"] == opportunity["id"]
    with pytest.raises(ValidationError):
        career.call("skill_gaps", [opportunity["id"]] * 101, identity=staff["pia"])


# --- mentoring ------------------------------------------------------------------------

def offer_mentoring(career, person: Identity, *skills: str) -> None:
    career.call("update_profile", person.user_id, {"mentoring_skills": list(skills)},
                identity=person)


def test_mentors_are_found_by_skill_never_the_caller(career, staff):
    offer_mentoring(career, staff["olga"], "Forklift driving", "Rostering")
    offer_mentoring(career, staff["raj"], "Rostering")
    found = career.call("find_mentors", ["rostering", "forklift driving"],
                        identity=staff["olga"])
    assert [(m["person"]["id"], [s["name"] for s in m["skills"]], m["coverage"])
            for m in found] == [(staff["raj"].user_id, ["Rostering"], 0.5)]
    found = career.call("find_mentors", ["rostering"], identity=staff["pia"])
    assert [m["person"]["id"] for m in found] == [staff["olga"].user_id, staff["raj"].user_id]
    with pytest.raises(ValidationError) as raised:
        career.call("find_mentors", [], first=0, identity=staff["pia"])
    assert [e["field"] for e in raised.value.errors] == ["skills", "first"]


def test_a_mentoring_request_goes_to_a_mentor_once_and_only_they_answer(career, staff):
    offer_mentoring(career, staff["olga"], "Rostering")
    pia, olga = staff["pia"], staff["olga"]
    with pytest.raises(PermissionDenied):
        career.call("request_mentoring", olga.user_id, ["Rostering"], identity=olga)
    with pytest.raises(Conflict):  # raj offers no mentoring
        career.call("request_mentoring", staff["raj"].user_id, ["Rostering"], identity=pia)
    assert career.events("mentoring_requested") == []
    request = career.call("request_mentoring", olga.user_id, [" Rostering "], "Please",
                          identity=pia)
    with pytest.raises(Conflict):  # one PENDING request per mentor and mentee
        career.call("request_mentoring", olga.user_id, ["Rostering"], identity=pia)
    assert career.events("mentoring_requested") == [{
        "request_id": request["id"], "mentor_id": olga.user_id, "mentee_id": pia.user_id,
        "skills": ["Rostering"]}]
    with pytest.raises(PermissionDenied):
        career.call("respond_to_mentoring_request", request["id"], "ACCEPT", identity=pia)
    answered = career.call("respond_to_mentoring_request", request["id"], "DECLINE", "Busy",
                           identity=olga)
    assert (answered["status"], answered["response"]) == ("DECLINED", "Busy")
    mine = career.call("my_mentoring_requests", identity=pia)
    assert [(r["id"], r["status"]) for r in mine] == [(request["id"], "DECLINED")]


# --- role voices ----------------------------------------------------------------------

def test_only_a_holder_of_the_role_speaks_for_it(career, staff):
    opportunity = post(career, staff["olga"], kind="ROLE", title="Forklift  Operator")
    with pytest.raises(PermissionDenied):
        career.call("add_role_voice", opportunity["id"], "Sounds like a fine job.",
                    identity=staff["raj"])
    voice = career.call("add_role_voice", opportunity["id"], "Early starts, good team.",
                        identity=staff["pia"])
    assert voice["current"] is True
    assert career.call("get_role_voices", [opportunity["id"], "none"],
                       identity=staff["raj"]) == [[voice], []]


# --- evidence -------------------------------------------------------------------------

def envelope(event_type: str, data: dict, event_id: str = "e1") -> dict:
    return {"event_id": event_id, "event_type": event_type, "source": "test",
            "occurred_at": "2026-03-01T10:00:00+00:00", "data": data}


CONCLUDED = {"experiment_id": "x1", "idea_id": None, "title": "Kanban", "hypothesis": "h",
             "decision": "ADOPT", "learnings": "It works", "owner_id": "olga",
             "member_ids": ["pia", "olga"], "concluded_at": "2026-03-01T10:00:00"}


def evidence(career) -> list[tuple]:
    return sorted(career.rows(select(Evidence.person_id, Evidence.source, Evidence.text)))


def test_a_concluded_experiment_is_evidence_for_each_person_once(career):
    message = envelope("experiment_concluded", CONCLUDED)
    for delivered in (message, message, envelope("experiment_concluded", CONCLUDED, "e2")):
        career.handle("on_experiment_concluded", delivered)
    text = "Ran experiment \u201cKanban\u201d (decided: ADOPT): It works"
    assert evidence(career) == [("olga", "EXPERIMENT", text), ("pia", "EXPERIMENT", text)]
    assert sorted(career.rows(select(INBOX.c.event_id, INBOX.c.handler))) == [
        ("e1", "career.on_experiment_concluded"), ("e2", "career.on_experiment_concluded")]


def test_only_an_implemented_idea_is_evidence_on_its_author(career):
    change = {"idea_id": "i1", "title": "Kanban", "author_id": "pia",
              "from_status": "ACCEPTED", "changed_by": "olga",
              "changed_at": "2026-03-01T10:00:00+00:00"}
    career.handle("on_idea_status_changed", envelope("idea_status_changed",
                                                     {**change, "to_status": "EXPERIMENTING"}))
    assert evidence(career) == []
    career.handle("on_idea_status_changed", envelope(
        "idea_status_changed", {**change, "to_status": "IMPLEMENTED"}, "e2"))
    assert evidence(career) == [("pia", "IDEA", "Implemented improvement idea \u201cKanban\u201d")]
    assert len(career.rows(select(INBOX.c.event_id))) == 2  # both claimed, once each
