"""Who reads what of a mentorship, as a matrix (like the reflections'): the pair, another
member of the programme, its coordinator, an admin and an outsider, each asked for every
part. Written out by hand, independently of mentorship_rules.Access."""
from __future__ import annotations

from datetime import timedelta

import pytest

from shared.clock import now
from shared.errors import NotFound, PermissionDenied
from shared.identity import Identity
from tests.unit.career.mentoring.support import enrolled, matched

ADMIN = Identity("admin-1", ("employee", "admin"), "HQ")
HIDDEN = "hidden"  # NotFound: not even its existence shows
#            mentorship, goal title, tasks, session date, agenda, mentee's private note,
#            shared note, the reader's own rating, report
EXPECTED = {
    "tess": (True, True, True, True, True, True, True, 5, False),
    "max": (True, True, True, True, True, False, True, 4, False),
    "tom": (HIDDEN,) * 8 + (False,),
    "cora": (True, True, False, True, False, False, False, None, True),
    "admin": (True, True, False, True, False, False, False, None, True),
    "otto": (HIDDEN,) * 8 + (False,),
}


def seen_by(career, reader: Identity, m: dict, programme_id: str) -> tuple:
    try:
        view = career.call("get_mentorship", m["id"], identity=reader)
    except NotFound:
        return (HIDDEN,) * 8 + (reports(career, reader, programme_id),)
    [goal], [meeting] = view["goals"], view["sessions"]
    notes = [n["body"] for n in meeting["notes"] or []]
    return (True, goal["title"] == "Run a kaizen event", goal["tasks"] is not None,
            meeting["at"] is not None, bool(meeting["agenda"]), "my private worry" in notes,
            "for us both" in notes, view["my_rating"], reports(career, reader, programme_id))


def reports(career, reader: Identity, programme_id: str) -> bool:
    try:
        career.call("programme_report", programme_id, identity=reader)
        return True
    except PermissionDenied:
        return False


@pytest.fixture
def pair(career, who):
    p = enrolled(career, who, capacity=2)
    m = matched(career, who, p)
    career.call("add_mentorship_goal", m["id"], {"title": "Run a kaizen event",
                                                 "tasks": [{"text": "Pick one"}],
                                                 "notes": "between us"}, identity=who["tess"])
    meeting = career.call("schedule_session", m["id"],
                          (now() + timedelta(days=1)).isoformat(), 30, identity=who["max"])
    career.call("add_agenda_item", meeting["id"], "Where to start", identity=who["tess"])
    career.call("add_session_note", meeting["id"], "my private worry", "PRIVATE",
                identity=who["tess"])
    career.call("add_session_note", meeting["id"], "for us both", "SHARED",
                identity=who["tess"])
    career.call("close_mentorship", m["id"], 5, "", identity=who["tess"])
    career.call("close_mentorship", m["id"], 4, "", identity=who["max"])
    return p, m


def test_every_reader_sees_exactly_their_part(career, who, pair):
    p, m = pair
    readers = {**who, "admin": ADMIN}
    seen = {name: seen_by(career, readers[name], m, p["id"]) for name in EXPECTED}
    assert seen == EXPECTED


def test_only_the_pair_changes_a_mentorship(career, who, pair):
    p, m = pair
    view = career.call("get_mentorship", m["id"], identity=who["tess"])
    session_id = view["sessions"][0]["id"]
    for reader in (who["cora"], ADMIN):
        with pytest.raises(PermissionDenied):
            career.call("add_session_note", session_id, "x", "SHARED", identity=reader)
        with pytest.raises(PermissionDenied):
            career.call("session_ics", session_id, identity=reader)
    for reader in (who["tom"], who["otto"]):
        with pytest.raises(NotFound):
            career.call("add_agenda_item", session_id, "x", identity=reader)
        with pytest.raises(NotFound):
            career.call("complete_action_item", "no-such-item", identity=reader)


def test_coordinators_list_the_programmes_people_and_pairs_others_do_not(career, who, pair):
    p, _ = pair
    assert len(career.call("programme_enrolments", p["id"], identity=who["cora"])) == 4
    assert len(career.call("programme_mentorships", p["id"], identity=ADMIN)) == 1
    for reader in (who["tess"], who["max"], who["otto"]):
        with pytest.raises(PermissionDenied):
            career.call("programme_enrolments", p["id"], identity=reader)
        with pytest.raises(PermissionDenied):
            career.call("programme_mentorships", p["id"], identity=reader)
