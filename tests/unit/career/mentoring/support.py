"""Steps most mentoring tests start from: a programme coordinated by Cora, two mentors and
two mentees enrolled, a matched pair."""
from __future__ import annotations

from datetime import timedelta

from shared.clock import now


def programme(career, who, **fields) -> dict:
    today = now().date()
    return career.call("create_mentoring_programme", {
        "name": "Lean mentoring 2027", "starts_on": (today - timedelta(days=10)).isoformat(),
        "ends_on": (today + timedelta(days=80)).isoformat(), **fields}, identity=who["cora"])


def enrolled(career, who, capacity=1) -> dict:
    p = programme(career, who)
    career.call("enrol_in_programme", p["id"], {"role": "MENTOR", "skills": ["Python"],
                                                "capacity": capacity}, identity=who["mona"])
    career.call("enrol_in_programme", p["id"], {"role": "MENTOR", "capacity": capacity,
                                                "skills": ["Lean manufacturing", "5S"]},
                identity=who["max"])
    for mentee in ("tess", "tom"):
        career.call("enrol_in_programme", p["id"], {
            "role": "MENTEE", "skills": ["lean manufacturing"],
            "goal": "Run my first kaizen event"}, identity=who[mentee])
    return p


def matched(career, who, p) -> dict:
    m = career.call("request_match", p["id"], who["max"].user_id, identity=who["tess"])
    return career.call("decide_match", m["id"], "ACCEPT", identity=who["max"])
