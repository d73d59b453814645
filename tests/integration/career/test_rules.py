"""The career service's refusals on a real broker, against SQLite and PostgreSQL: capacity
that cannot shrink under the places taken, one application per person even when the same
person clicks twice at once, anonymous callers, bad page windows, unknown ids, and the
mentoring answers."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from nameko.testing.services import entrypoint_hook

from shared.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationError,
)
from tests.integration.career.support import call, staff

TEAM = [
    {"name": "Olga Owner", "email": "olga@example.org", "team": "Logistics",
     "roles": ["manager"]},
    {"name": "Pia Picker", "email": "pia@example.org", "team": "Logistics"},
    {"name": "Raj Rider", "email": "raj@example.org", "team": "Assembly"},
    {"name": "Sue Spare", "email": "sue@example.org", "team": "Quality"},
]

DOUBLE_CLICK = textwrap.dedent("""
    import json, sys, threading
    from sqlalchemy.orm import Session
    from services.career import applications
    from shared.db import make_engine
    from shared.errors import Conflict
    from shared.clock import now

    url, opportunity, applicant, clicks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    engine = make_engine(url)
    start, results = threading.Barrier(clicks), []

    def click():
        with Session(engine) as session:
            start.wait()
            try:
                applications.express_interest(session, opportunity, applicant, "", now().date())
                session.commit()
                results.append("PENDING")
            except Conflict:
                session.rollback()
                results.append("CONFLICT")

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(sorted(results)))
""")


@pytest.fixture
def people(career):
    return staff(career, TEAM)


def gig(container, owner, **fields) -> dict:
    return call(container, "post_opportunity", {"kind": "GIG", "title": "Stocktake weekend",
                                                **fields}, identity=owner)


def refused(container, method, *args, identity) -> tuple[type, list]:
    """The error class and the fields a ValidationError names."""
    with pytest.raises((ValidationError, Conflict, NotFound, PermissionDenied)) as raised:
        call(container, method, *args, identity=identity)
    fields = [e["field"] for e in getattr(raised.value, "errors", [])]
    return type(raised.value), fields


def test_capacity_cannot_shrink_below_the_places_already_taken(career, people):
    olga = people["olga"]
    posted = gig(career, olga, capacity=3)
    for who in ("pia", "raj"):
        application = call(career, "express_interest", posted["id"], identity=people[who])
        call(career, "decide_application", application["id"], "ACCEPT", identity=olga)
    assert refused(career, "update_opportunity", posted["id"], {"capacity": 1},
                   identity=olga) == (ValidationError, ["capacity"])
    kept = call(career, "get_opportunities", [posted["id"]], identity=olga)[0]
    assert (kept["capacity"], kept["accepted_count"]) == (3, 2)
    shrunk = call(career, "update_opportunity", posted["id"], {"capacity": 2}, identity=olga)
    assert (shrunk["capacity"], shrunk["accepted_count"]) == (2, 2)
    sue = call(career, "express_interest", posted["id"], identity=people["sue"])
    assert refused(career, "decide_application", sue["id"], "ACCEPT",
                   identity=olga) == (Conflict, [])


@pytest.mark.timeout(120)
def test_the_same_person_clicking_twice_at_once_applies_once(career, career_db,
                                                              people):
    posted = gig(career, people["olga"])
    pia = people["pia"]
    result = subprocess.run([sys.executable, "-c", DOUBLE_CLICK, career_db, posted["id"],
                             pia.user_id, "4"], capture_output=True, text=True, timeout=100)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["CONFLICT"] * 3 + ["PENDING"]
    assert [a["status"] for a in call(career, "my_applications", identity=pia)] == ["PENDING"]
    seen = call(career, "get_applications_for", [posted["id"]], identity=people["olga"])[0]
    assert [a["applicant_id"] for a in seen] == [pia.user_id]


def test_anonymous_callers_are_refused(career, people):
    posted = gig(career, people["olga"])
    for method, args in [
            ("get_people", ([people["pia"].user_id],)), ("list_people", ()),
            ("get_profiles", ([people["pia"].user_id],)), ("search_skills", ("pyth",)),
            ("update_profile", (people["pia"].user_id, {"headline": "x"})),
            ("post_opportunity", ({"kind": "GIG", "title": "Sneaky"},)),
            ("list_opportunities", ()), ("get_opportunities", ([posted["id"]],)),
            ("express_interest", (posted["id"],)), ("my_applications", ()),
            ("get_applications_for", ([posted["id"]],)), ("skill_gap", (posted["id"],)),
            ("find_mentors", (["python"],)), ("my_mentoring_requests", ())]:
        with entrypoint_hook(career, method, context_data={}) as hook:
            with pytest.raises(Unauthenticated):
                hook(*args)
    assert call(career, "list_opportunities", identity=people["pia"])["total"] == 1


def test_lists_page_with_cursors_and_refuse_bad_windows(career, people):
    olga, pia = people["olga"], people["pia"]
    titles = [gig(career, olga, title=f"Gig number {i}")["title"] for i in range(5)]
    first = call(career, "list_opportunities", {}, 2, identity=pia)
    assert first["total"] == 5 and first["has_next"]
    second = call(career, "list_opportunities", {}, 2, first["end_cursor"], identity=pia)
    rest = call(career, "list_opportunities", {}, 2, second["end_cursor"], identity=pia)
    assert not rest["has_next"]
    seen = [o["title"] for page in (first, second, rest) for o in page["items"]]
    assert seen == titles[::-1]  # newest first, each once
    for args, field in [(({}, 0), "first"), (({}, 101), "first"),
                        (({}, 2, "not-a-cursor"), "after")]:
        assert refused(career, "list_opportunities", *args, identity=pia) == (
            ValidationError, [field])
    assert refused(career, "list_people", 0, identity=pia) == (ValidationError, ["first"])
    assert refused(career, "search_skills", "pyth", 51, identity=pia) == (
        ValidationError, ["first"])
    assert refused(career, "find_mentors", [" "], 0, identity=pia) == (
        ValidationError, ["skills", "first"])


def test_unknown_ids_are_not_found_and_withdrawing_nothing_is_a_conflict(
        career, people):
    olga, pia = people["olga"], people["pia"]
    posted = gig(career, olga)
    for method, args, who in [
            ("skill_gap", ("no-such-opportunity",), pia),
            ("skill_gap", (posted["id"], "no-such-person"), olga),
            ("withdraw_interest", ("no-such-opportunity",), pia),
            ("decide_application", ("no-such-application", "ACCEPT"), olga),
            ("update_opportunity", ("no-such-opportunity", {"title": "Renamed"}), olga),
            ("request_mentoring", ("no-such-person", ["python"]), pia),
            ("respond_to_mentoring_request", ("no-such-request", "ACCEPT"), pia)]:
        assert refused(career, method, *args, identity=who) == (NotFound, []), method
    assert refused(career, "withdraw_interest", posted["id"], identity=pia) == (Conflict, [])


def test_the_mentor_declines_or_accepts_once_and_nobody_asks_themselves(
        career, people):
    olga, pia, raj = people["olga"], people["pia"], people["raj"]
    call(career, "update_profile", olga.user_id, {"mentoring_skills": ["python"]},
         identity=olga)
    assert refused(career, "request_mentoring", olga.user_id, ["python"],
                   identity=olga) == (PermissionDenied, [])
    assert refused(career, "request_mentoring", olga.user_id, [" "],
                   identity=pia) == (ValidationError, ["skills"])
    asked = call(career, "request_mentoring", olga.user_id, ["python"], "Help?", identity=pia)
    assert refused(career, "respond_to_mentoring_request", asked["id"], "DECLINE",
                   identity=raj) == (PermissionDenied, [])
    declined = call(career, "respond_to_mentoring_request", asked["id"], "DECLINE",
                    "Not this quarter", identity=olga)
    assert (declined["status"], declined["response"]) == ("DECLINED", "Not this quarter")
    assert refused(career, "respond_to_mentoring_request", asked["id"], "ACCEPT",
                   identity=olga) == (Conflict, [])
    again = call(career, "request_mentoring", olga.user_id, ["python"], identity=pia)
    assert call(career, "respond_to_mentoring_request", again["id"], "ACCEPT",
                identity=olga)["status"] == "ACCEPTED"
    assert [r["status"] for r in call(career, "my_mentoring_requests", identity=olga)] == [
        "ACCEPTED", "DECLINED"]
    assert call(career, "my_mentoring_requests", identity=raj) == []
