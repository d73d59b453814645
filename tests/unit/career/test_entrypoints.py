"""The decisions the career entrypoints make, without a broker: who may call, what is
emitted, what is committed (nameko's worker_factory; see conftest.py)."""
from __future__ import annotations

import pytest
from nameko.cli.run import import_service
from sqlalchemy import select

from services.career.models import Evidence, Person
from services.career.service import CareerService
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.identity import SYSTEM, Identity
from tests.support.workers import after_call, emitted

ADMIN = Identity("admin-1", ("employee", "admin"), "HQ")
GIG = {"kind": "GIG", "title": "Stocktake weekend", "capacity": 1,
       "skills": [{"name": "Counting things", "level": 2}]}


def types(worker) -> list[str]:
    return [kind for kind, _ in emitted(worker.db)]


def posted(worker, owner: Identity, **fields) -> dict:
    opportunity = worker(owner).post_opportunity({**GIG, **fields})
    worker.db.reset_mock()
    return opportunity


def test_nameko_run_finds_one_service_in_the_module():
    """The mixins are reached through their modules, so `nameko run` starts the service
    alone, not each mixin as a service of its own."""
    assert import_service("services.career.service") == [CareerService]


# --- people ---------------------------------------------------------------------------

def test_only_an_admin_imports_the_directory(worker):
    with pytest.raises(PermissionDenied):
        worker(Identity("pia", ("employee", "manager"))).upsert_people([{
            "name": "Eve", "email": "eve@example.org"}])
    worker.db.commit.assert_not_called()
    assert worker.session.scalars(select(Person)).all() == []


def test_an_import_announces_everyone_links_managers_and_commits_once(worker):
    staff = worker(SYSTEM).upsert_people([
        {"name": "Olga Owner", "email": " Olga@Example.org "},
        {"name": "Pia Picker", "email": "pia@example.org", "manager_email": "OLGA@example.org",
         "roles": ["reviewer"]}])
    assert emitted(worker.db) == [
        ("person_upserted", {"person_id": staff[0], "name": "Olga Owner", "team": None,
                             "roles": ["employee"]}),
        ("person_upserted", {"person_id": staff[1], "name": "Pia Picker", "team": None,
                             "roles": ["employee", "reviewer"]})]
    worker.db.commit.assert_called_once()
    after_call(worker.db)
    assert worker.session.get(Person, staff[1]).manager_id == staff[0]


def test_one_bad_person_imports_nobody(worker):
    with pytest.raises(ValidationError):
        worker(ADMIN).upsert_people([{"name": "Olga", "email": "olga@example.org"},
                                     {"name": "", "email": "not an address"}])
    assert emitted(worker.db) == []
    worker.db.commit.assert_not_called()


def test_sign_in_finds_a_person_by_email_without_a_caller(worker, staff):
    assert worker(None).find_person_by_email(" PIA@example.org")["id"] == staff["pia"].user_id
    with pytest.raises(NotFound):
        worker(None).find_person_by_email("nobody@example.org")


# --- profiles -------------------------------------------------------------------------

def test_nobody_edits_another_persons_profile(worker, staff):
    with pytest.raises(PermissionDenied):
        worker(staff["olga"]).update_profile(staff["pia"].user_id, {"headline": "Boss says"})
    assert emitted(worker.db) == []
    worker.db.commit.assert_not_called()


def test_a_profile_change_is_announced_with_its_skills_resolved(worker, staff):
    pia = staff["pia"]
    profile = worker(pia).update_profile(pia.user_id, {
        "headline": "Moves pallets", "skills": [{"name": "Pallet stacking", "level": 2},
                                                {"name": "pallet  stacking", "level": 4}]})
    assert [s["level"] for s in profile["skills"]] == [4]
    [(kind, data)] = emitted(worker.db)
    assert kind == "profile_updated" and data["headline"] == "Moves pallets"
    assert [(s["name"], s["level"]) for s in data["skills"]] == [("Pallet stacking", 4)]
    worker.db.commit.assert_called_once()


# --- opportunities --------------------------------------------------------------------

def test_posting_announces_the_opportunity(worker, staff):
    opportunity = worker(staff["olga"]).post_opportunity(GIG)
    [(kind, data)] = emitted(worker.db)
    assert kind == "opportunity_posted" and data["opportunity_id"] == opportunity["id"]
    assert data["owner_id"] == staff["olga"].user_id and data["status"] == "OPEN"
    worker.db.commit.assert_called_once()


@pytest.mark.parametrize("change", ["update", "close"])
def test_only_the_owner_or_an_admin_changes_an_opportunity(worker, staff, change):
    opportunity = posted(worker, staff["olga"])
    act = {"update": lambda who: worker(who).update_opportunity(opportunity["id"],
                                                                {"title": "Night stocktake"}),
           "close": lambda who: worker(who).close_opportunity(opportunity["id"])}[change]
    with pytest.raises(PermissionDenied):
        act(staff["pia"])
    assert emitted(worker.db) == []
    worker.db.commit.assert_not_called()
    act(ADMIN)
    assert types(worker) == [f"opportunity_{change}d"]
    worker.db.commit.assert_called_once()


def test_a_closed_opportunity_cannot_be_closed_again(worker, staff):
    opportunity = posted(worker, staff["olga"])
    worker(staff["olga"]).close_opportunity(opportunity["id"])
    worker.db.reset_mock()
    with pytest.raises(Conflict):
        worker(staff["olga"]).close_opportunity(opportunity["id"])
    assert emitted(worker.db) == []


# --- applications ---------------------------------------------------------------------

def test_interest_is_announced_but_never_in_ones_own_opportunity(worker, staff):
    opportunity = posted(worker, staff["olga"])
    with pytest.raises(PermissionDenied):
        worker(staff["olga"]).express_interest(opportunity["id"])
    assert emitted(worker.db) == []
    application = worker(staff["pia"]).express_interest(opportunity["id"], "I count well")
    assert emitted(worker.db) == [("application_submitted", {
        "application_id": application["id"], "opportunity_id": opportunity["id"],
        "applicant_id": staff["pia"].user_id})]
    worker.db.commit.assert_called_once()


def test_only_the_owner_decides_and_never_beyond_capacity(worker, staff):
    opportunity = posted(worker, staff["olga"])
    first = worker(staff["pia"]).express_interest(opportunity["id"])["id"]
    second = worker(staff["raj"]).express_interest(opportunity["id"])["id"]
    worker.db.reset_mock()
    with pytest.raises(ValidationError) as bad:
        worker(staff["olga"]).decide_application(first, "MAYBE")
    assert bad.value.errors[0]["field"] == "decision"
    with pytest.raises(PermissionDenied):
        worker(staff["raj"]).decide_application(first, "ACCEPT")
    assert emitted(worker.db) == []
    worker.db.commit.assert_not_called()
    worker(staff["olga"]).decide_application(first, "ACCEPT", "Welcome")
    assert emitted(worker.db)[-1] == ("application_decided", {
        "application_id": first, "opportunity_id": opportunity["id"],
        "applicant_id": staff["pia"].user_id, "decision": "ACCEPT"})
    worker.db.reset_mock()
    with pytest.raises(Conflict):
        worker(staff["olga"]).decide_application(second, "ACCEPT")
    assert emitted(worker.db) == []


def test_applicants_see_their_own_application_and_owners_see_all(worker, staff):
    opportunity = posted(worker, staff["olga"])
    worker(staff["pia"]).express_interest(opportunity["id"])
    worker(staff["raj"]).express_interest(opportunity["id"])
    seen = {name: [a["applicant_id"] for a in
                   worker(staff[name]).get_applications_for([opportunity["id"]])[0]]
            for name in ("olga", "pia")}
    assert seen == {"olga": [staff["pia"].user_id, staff["raj"].user_id],
                    "pia": [staff["pia"].user_id]}
    assert [a["applicant_id"] for a in worker(staff["raj"]).my_applications()] == [
        staff["raj"].user_id]


def test_a_withdrawal_commits_and_tells_nobody(worker, staff):
    opportunity = posted(worker, staff["olga"])
    worker(staff["pia"]).express_interest(opportunity["id"])
    worker.db.reset_mock()
    assert worker(staff["pia"]).withdraw_interest(opportunity["id"])["status"] == "WITHDRAWN"
    assert emitted(worker.db) == []
    worker.db.commit.assert_called_once()
    with pytest.raises(Conflict):
        worker(staff["raj"]).withdraw_interest(opportunity["id"])


# --- skill gaps -----------------------------------------------------------------------

def test_only_managers_see_someone_elses_skill_gap(worker, staff):
    opportunity = posted(worker, staff["olga"])
    pia = staff["pia"].user_id
    with pytest.raises(PermissionDenied):
        worker(staff["raj"]).skill_gap(opportunity["id"], pia)
    gap = worker(staff["olga"]).skill_gap(opportunity["id"], pia)
    assert gap["employee_id"] == pia and gap["coverage"] == 0.0
    assert [m["skill"]["name"] for m in gap["missing"]] == ["Counting things"]
    with pytest.raises(NotFound):
        worker(staff["pia"]).skill_gap("no-such-opportunity")
    assert worker(staff["pia"]).skill_gaps(["no-such-opportunity", opportunity["id"]])[0] is None
    with pytest.raises(ValidationError):
        worker(staff["pia"]).skill_gaps([opportunity["id"]] * 101)


# --- mentoring ------------------------------------------------------------------------

def offer_mentoring(worker, person: Identity, *skills: str) -> None:
    worker(person).update_profile(person.user_id, {"mentoring_skills": list(skills)})
    worker.db.reset_mock()


def test_mentors_are_found_by_skill_never_the_caller(worker, staff):
    offer_mentoring(worker, staff["olga"], "Forklift driving", "Rostering")
    offer_mentoring(worker, staff["raj"], "Rostering")
    found = worker(staff["olga"]).find_mentors(["rostering", "forklift driving"])
    assert [(m["person"]["id"], [s["name"] for s in m["skills"]], m["coverage"])
            for m in found] == [(staff["raj"].user_id, ["Rostering"], 0.5)]
    assert [m["person"]["id"] for m in worker(staff["pia"]).find_mentors(["rostering"])] == [
        staff["olga"].user_id, staff["raj"].user_id]
    with pytest.raises(ValidationError) as raised:
        worker(staff["pia"]).find_mentors([], first=0)
    assert [e["field"] for e in raised.value.errors] == ["skills", "first"]


def test_a_mentoring_request_goes_to_a_mentor_once_and_only_they_answer(worker, staff):
    offer_mentoring(worker, staff["olga"], "Rostering")
    pia, olga = staff["pia"], staff["olga"]
    with pytest.raises(PermissionDenied):
        worker(olga).request_mentoring(olga.user_id, ["Rostering"])
    with pytest.raises(Conflict):  # raj offers no mentoring
        worker(pia).request_mentoring(staff["raj"].user_id, ["Rostering"])
    assert emitted(worker.db) == []
    request = worker(pia).request_mentoring(olga.user_id, [" Rostering "], "Please")
    assert emitted(worker.db) == [("mentoring_requested", {
        "request_id": request["id"], "mentor_id": olga.user_id, "mentee_id": pia.user_id,
        "skills": ["Rostering"]})]
    with pytest.raises(Conflict):
        worker(pia).request_mentoring(olga.user_id, ["Rostering"])
    worker.db.reset_mock()
    with pytest.raises(PermissionDenied):
        worker(pia).respond_to_mentoring_request(request["id"], "ACCEPT")
    worker.db.commit.assert_not_called()
    answered = worker(olga).respond_to_mentoring_request(request["id"], "DECLINE", "Busy")
    assert (answered["status"], answered["response"]) == ("DECLINED", "Busy")
    worker.db.commit.assert_called_once()
    assert [r["id"] for r in worker(pia).my_mentoring_requests()] == [request["id"]]


# --- role voices ----------------------------------------------------------------------

def test_only_a_holder_of_the_role_speaks_for_it(worker, staff):
    opportunity = posted(worker, staff["olga"], kind="ROLE", title="Forklift  Operator")
    with pytest.raises(PermissionDenied):
        worker(staff["raj"]).add_role_voice(opportunity["id"], "Sounds like a fine job.")
    worker.db.commit.assert_not_called()
    voice = worker(staff["pia"]).add_role_voice(opportunity["id"], "Early starts, good team.")
    assert voice["current"] is True
    worker.db.commit.assert_called_once()
    assert worker(staff["raj"]).get_role_voices([opportunity["id"], "none"]) == [[voice], []]


# --- evidence -------------------------------------------------------------------------

def envelope(event_type: str, data: dict, event_id: str = "e1") -> dict:
    return {"event_id": event_id, "event_type": event_type, "source": "test",
            "occurred_at": "2026-03-01T10:00:00+00:00", "data": data}


CONCLUDED = {"experiment_id": "x1", "idea_id": None, "title": "Kanban", "hypothesis": "h",
             "decision": "ADOPT", "learnings": "It works", "owner_id": "olga",
             "member_ids": ["pia", "olga"], "concluded_at": "2026-03-01T10:00:00"}


def evidence(worker) -> list[tuple[str, str]]:
    return sorted(worker.session.execute(select(Evidence.person_id, Evidence.source)).all())


def test_a_concluded_experiment_is_evidence_for_each_person_once(worker):
    message = envelope("experiment_concluded", CONCLUDED)
    worker(None).on_experiment_concluded(message)
    worker.db.commit.assert_called_once()
    worker(None).on_experiment_concluded(message)  # redelivered
    worker(None).on_experiment_concluded(envelope("experiment_concluded", CONCLUDED, "e2"))
    assert worker.db.commit.call_count == 2  # the redelivery was skipped, the new event was not
    after_call(worker.db)
    assert evidence(worker) == [("olga", "EXPERIMENT"), ("pia", "EXPERIMENT")]


def test_only_an_implemented_idea_is_evidence_on_its_author(worker):
    change = {"idea_id": "i1", "title": "Kanban", "author_id": "pia",
              "from_status": "ACCEPTED", "changed_by": "olga",
              "changed_at": "2026-03-01T10:00:00+00:00"}
    worker(None).on_idea_status_changed(envelope("idea_status_changed",
                                                 {**change, "to_status": "EXPERIMENTING"}))
    implemented = envelope("idea_status_changed", {**change, "to_status": "IMPLEMENTED"}, "e2")
    worker(None).on_idea_status_changed(implemented)
    worker(None).on_idea_status_changed(implemented)  # redelivered: skipped
    assert worker.db.commit.call_count == 2
    after_call(worker.db)
    assert evidence(worker) == [("pia", "IDEA")]
