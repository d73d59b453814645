"""A mentor's capacity holds when accepts arrive at once, on SQLite and PostgreSQL: through
two instances of the service on one queue, and in a real race between OS threads (the
mentor's enrolment row is locked, as an opportunity is for applications)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.career.service import CareerService
from shared.clock import today
from shared.errors import Conflict
from tests.integration.career.support import call, staff
from tests.support.services import as_user

MENTEES = 6
TEAM = [{"name": "Cora", "email": "cora@example.org", "team": "People",
         "roles": ["coordinator"]},
        {"name": "Mona", "email": "mona@example.org", "team": "Quality"}] + [
    {"name": f"Mentee {i}", "email": f"m{i}@example.org", "team": "Ops"}
    for i in range(MENTEES)]

RACE = textwrap.dedent("""
    import json, sys, threading
    from sqlalchemy.orm import Session
    from services.career import match_moves
    from shared.db import make_engine
    from shared.errors import Conflict

    url, mentor, ids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    engine = make_engine(url)
    start, results = threading.Barrier(len(ids)), []

    def accept(mentorship_id):
        with Session(engine) as session:
            start.wait()
            try:
                match_moves.decide(session, mentorship_id, "ACCEPT", mentor, False)
                session.commit()
                results.append("ACTIVE")
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


def prepare(container):
    people = staff(container, TEAM)
    programme = call(container, "create_mentoring_programme", {
        "name": "Quality mentoring", "starts_on": today().isoformat(),
        "ends_on": (today() + timedelta(days=90)).isoformat()}, identity=people["cora"])
    call(container, "enrol_in_programme", programme["id"], {
        "role": "MENTOR", "skills": ["SPC"], "capacity": 2}, identity=people["mona"])
    ids = []
    for i in range(MENTEES):
        call(container, "enrol_in_programme", programme["id"], {
            "role": "MENTEE", "skills": ["SPC"], "goal": "Read a control chart"},
            identity=people[f"m{i}"])
        ids.append(call(container, "request_match", programme["id"], people["mona"].user_id,
                        identity=people[f"m{i}"])["id"])
    return people["mona"], programme, ids


def outcome(reply) -> str:
    try:
        return reply.result()["status"]
    except Conflict:
        return "CONFLICT"


def test_six_concurrent_accepts_through_two_instances_match_exactly_two(
        career, start_service, career_db, rabbit_config):
    start_service(CareerService, db_url=career_db)
    mona, programme, ids = prepare(career)
    with ClusterRpcProxy(rabbit_config, context_data=as_user(mona, "career")) as cluster:
        calls = [cluster.career.decide_match.call_async(i, "ACCEPT") for i in ids]
        outcomes = sorted(outcome(c) for c in calls)
    assert outcomes == ["ACTIVE"] * 2 + ["CONFLICT"] * 4
    mine = call(career, "my_mentorships", identity=mona)
    assert sorted(m["status"] for m in mine) == ["ACTIVE"] * 2 + ["PENDING"] * 4


@pytest.mark.timeout(120)
def test_accepts_racing_in_os_threads_never_exceed_the_capacity(career, career_db):
    mona, _, ids = prepare(career)
    result = subprocess.run([sys.executable, "-c", RACE, career_db, mona.user_id,
                             json.dumps(ids)], capture_output=True, text=True, timeout=100)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["ACTIVE"] * 2 + ["CONFLICT"] * 4
