"""Capacity is never exceeded when owners accept at the same moment, on SQLite and
PostgreSQL: through the service, and in a real race between OS threads (the service's
greenthreads never interleave inside one transaction, so only threads or processes can
show that the opportunity row is really locked)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.career.service import CareerService
from shared.errors import Conflict
from tests.integration.career.support import call, staff
from tests.support.services import as_user

APPLICANTS = 6
TEAM = [{"name": "Owner", "email": "owner@example.org", "team": "Ops"}] + [
    {"name": f"Applicant {i}", "email": f"a{i}@example.org", "team": "Ops"}
    for i in range(APPLICANTS)]

RACE = textwrap.dedent("""
    import json, sys, threading
    from sqlalchemy.orm import Session
    from services.career import applications
    from shared.db import make_engine
    from shared.errors import Conflict

    url, owner, ids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    engine = make_engine(url)
    start, results = threading.Barrier(len(ids)), []

    def accept(application_id):
        with Session(engine) as session:
            start.wait()
            try:
                applications.decide(session, application_id, "ACCEPT", "", owner, False)
                session.commit()
                results.append("ACCEPTED")
            except Conflict:
                session.rollback()
                results.append("CONFLICT")

    threads = [threading.Thread(target=accept, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(sorted(results)))
""")


def prepare(container) -> tuple[dict, str, list[str]]:
    people = staff(container, TEAM)
    owner = people["owner"]
    gig = call(container, "post_opportunity", {"kind": "GIG", "title": "Stocktake weekend",
                                               "capacity": 2}, identity=owner)
    ids = [call(container, "express_interest", gig["id"], identity=people[f"a{i}"])["id"]
           for i in range(APPLICANTS)]
    return gig, owner, ids


def test_six_concurrent_accepts_through_two_instances_accept_exactly_two(
        career, start_service, career_db, rabbit_config):
    start_service(CareerService, db_url=career_db)  # a second instance, same DB and queue
    gig, owner, ids = prepare(career)
    with ClusterRpcProxy(rabbit_config, context_data=as_user(owner, "career")) as cluster:
        calls = [cluster.career.decide_application.call_async(i, "ACCEPT") for i in ids]
        outcomes = sorted(outcome(c) for c in calls)
    assert outcomes == ["ACCEPTED"] * 2 + ["CONFLICT"] * 4
    assert call(career, "get_opportunities", [gig["id"]], identity=owner)[0][
        "accepted_count"] == 2


def outcome(reply) -> str:
    try:
        return reply.result()["status"]
    except Conflict:
        return "CONFLICT"


@pytest.mark.timeout(120)
def test_accepts_racing_in_os_threads_never_exceed_capacity(career, career_db):
    gig, owner, ids = prepare(career)
    result = subprocess.run([sys.executable, "-c", RACE, career_db, owner.user_id, json.dumps(ids)],
                 capture_output=True, text=True, timeout=100)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["ACCEPTED"] * 2 + ["CONFLICT"] * 4
    assert call(career, "get_opportunities", [gig["id"]], identity=owner)[0][
        "accepted_count"] == 2
