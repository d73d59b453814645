"""A mentoring programme's whole life through the gateway, on the seeded stack: an admin
creates it with a coordinator, people enrol, a mentee gets suggested mentors with reasons
(the real model), two mentees' requests are accepted at once within the mentor's capacity,
a session is planned with an agenda from both sides, private and shared notes are read from
every side, action items carry forward, the pair goes quiet and is stuck after 21 days on a
moved clock, and closes with ratings; the report counts it all."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from shared.settings import deployed_services

DEV = "dev.patel@kaizen.example"  # admin
BEN = "ben.okafor@kaizen.example"  # the coordinator
SARA, OMAR = "sara.haddad@kaizen.example", "omar.farouk@kaizen.example"  # mentors
LENA, NINA = "lena.vogel@kaizen.example", "nina.larsen@kaizen.example"  # mentees
OUTSIDER = "jonas.berg@kaizen.example"

ME = "{ me { id } }"
CREATE = """mutation($input: CreateMentoringProgrammeInput!) {
  createMentoringProgramme(input: $input) {
    __typename ... on MentoringProgramme { id coordinates coordinators { email } }
    ... on UserError { message } } }"""
ENROL = """mutation($p: ID!, $input: EnrolInput!) {
  enrolInProgramme(programmeId: $p, input: $input) {
  __typename ... on Enrolment { role } ... on UserError { message } } }"""
SUGGESTED = """query($p: ID!) { suggestedMentors(programmeId: $p, first: 5) {
  mentor { email } score sharedSkills reasons load capacity } }"""
REQUEST = """mutation($p: ID!, $m: ID!) { requestMatch(programmeId: $p, mentorId: $m) {
  __typename ... on Mentorship { id status } ... on UserError { message } } }"""
DECIDE = """mutation($id: ID!) { decideMatch(id: $id, decision: ACCEPT) {
  __typename ... on Mentorship { status } ... on UserError { message } } }"""
SCHEDULE = """mutation($m: ID!, $at: DateTime!) { scheduleSession(mentorshipId: $m, at: $at,
  durationMinutes: 45) { __typename ... on MentoringSession { id }
  ... on UserError { message } } }"""
AGENDA = """mutation($s: ID!, $t: String!) { addAgendaItem(sessionId: $s, text: $t) {
  __typename ... on MentoringSession { agenda { text author { email } } } } }"""
NOTE = """mutation($s: ID!, $b: String!, $v: NoteVisibility!) {
  addSessionNote(sessionId: $s, body: $b, visibility: $v) { __typename } }"""
ACTION = """mutation($s: ID, $t: String!, $o: ID!) {
  addActionItem(sessionId: $s, text: $t, ownerId: $o) {
  __typename ... on ActionItem { id done owner { email } } ... on ValidationError { field } } }"""
COMPLETE = """mutation($id: ID!) { completeActionItem(id: $id) {
  __typename ... on ActionItem { done completedAt } } }"""
GOAL = """mutation($m: ID!) { addMentorshipGoal(mentorshipId: $m, input: {
  title: "Read a control chart",
  progress: 40, tasks: [{text: "Plot last month"}], notes: "start small"}) { __typename } }"""
MENTORSHIP = """query($id: ID!) { mentorship(id: $id) { status stuck mySide
  milestones { name reachedAt } goals { title progress tasks { text } notes }
  sessions { id at agenda { text } notes { body visibility author { email } }
             actionItems { text } carriedActionItems { id text } } } }"""
ICS = """query($id: ID!) { mentorship(id: $id) { sessions { ics } } }"""
PROGRAMME = """query($id: ID!) { mentoringProgramme(id: $id) { mentorCount menteeCount
  enrolments { role } mentorships { id stuck status mentee { email } goals { title tasks { text } }
  sessions { notes { body } } } } }"""
CLOSE = """mutation($id: ID!, $r: Int!, $j: Boolean! = false) {
  closeMentorship(id: $id, rating: $r, reflection: "Learned a lot", toJournal: $j) {
  __typename ... on Mentorship { status closedBy milestones { name reachedAt } }
  ... on UserError { message } } }"""
REPORT = """query($id: ID!, $team: String) { programmeReport(programmeId: $id, team: $team) {
  enrolledMentors enrolledMentees matchedMentees matchRate medianDaysToFirstSession
  sessionsPerMentorship stuckMentorships goalsCompleted meanRating teams csv } }"""


JOURNAL = """{ myReflections(filter: {tag: "mentoring"}) { edges { node { body visibility } } }
  }"""


def kept(stack, token: str) -> list[dict]:
    return [e["node"] for e in stack.gql(JOURNAL, token=token)["myReflections"]["edges"]]


SEEDED = """{ mentoringProgrammes { id name } }"""
CARLA = "carla.meyer@kaizen.example"  # coordinates the seeded programme


def test_the_report_of_the_seeded_programme(stack):
    """scripts/seeds/mentoring.py: 4 mentors, 8 mentees, 6 matched (one waits, one has
    nobody), first sessions 17 days (one pair) and 6 days (three) after the match, one
    session held in each of four pairs, one quiet pair, three goals at 100 %, ratings 5 and
    4 on each of three closed pairs."""
    token = stack.token(CARLA)
    [p] = [x["id"] for x in stack.gql(SEEDED, token=token)["mentoringProgrammes"]
           if x["name"] == "Lean foundations mentoring"]
    report = stack.gql(REPORT, {"id": p}, token)["programmeReport"]
    assert {k: v for k, v in report.items() if k not in ("teams", "csv")} == {
        "enrolledMentors": 4, "enrolledMentees": 8, "matchedMentees": 6, "matchRate": 0.75,
        "medianDaysToFirstSession": 6.0, "sessionsPerMentorship": 0.67,
        "stuckMentorships": 1, "goalsCompleted": 3, "meanRating": 4.5}
    whole = report["csv"].splitlines()[1].split(",")
    assert whole == ["(all)", "4", "8", "6", "0.75", "6.0", "0.67", "1", "3", "4.5"]


def test_a_programme_from_enrolment_to_report(stack):
    t = {e: stack.token(e) for e in (DEV, BEN, SARA, OMAR, LENA, NINA, OUTSIDER)}
    ids = {e: stack.gql(ME, token=t[e])["me"]["id"] for e in t}
    today = datetime.now(UTC).date()
    refused = stack.gql(CREATE, {"input": {"name": "Not mine", "startsOn": str(today),
                                           "endsOn": str(today + timedelta(days=60))}},
                        t[LENA])["createMentoringProgramme"]
    assert refused["__typename"] == "PermissionDeniedError"
    made = stack.gql(CREATE, {"input": {
        "name": "SPC mentoring", "startsOn": str(today - timedelta(days=5)),
        "endsOn": str(today + timedelta(days=85)), "coordinatorIds": [ids[BEN]]}},
        t[DEV])["createMentoringProgramme"]
    assert made["coordinators"] == [{"email": BEN}]
    p = made["id"]
    for mentor in (SARA, OMAR):
        enrolled = stack.gql(ENROL, {"p": p, "input": {
            "role": "MENTOR", "capacity": 1,
            "skills": ["statistical process control", "root cause analysis"]}}, t[mentor])
        assert enrolled["enrolInProgramme"] == {"__typename": "Enrolment", "role": "MENTOR"}
    for mentee in (LENA, NINA):
        stack.gql(ENROL, {"p": p, "input": {"role": "MENTEE",
                                            "skills": ["statistical process control"],
                                            "goal": "Read control charts of our tickets"}},
                  t[mentee])

    suggested = stack.gql(SUGGESTED, {"p": p}, t[LENA])["suggestedMentors"]
    assert {s["mentor"]["email"] for s in suggested} == {SARA, OMAR}
    assert all(s["reasons"][0] == "Helps with statistical process control" for s in suggested)
    assert suggested[0]["score"] >= suggested[1]["score"] and suggested[0]["capacity"] == 1

    asked = [stack.gql(REQUEST, {"p": p, "m": ids[SARA]}, t[m])["requestMatch"]
             for m in (LENA, NINA)]
    assert [a["status"] for a in asked] == ["PENDING", "PENDING"]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda a: stack.gql(DECIDE, {"id": a["id"]}, t[SARA])[
            "decideMatch"]["__typename"], asked))
    assert sorted(answers) == ["ConflictError", "Mentorship"]
    m = asked[answers.index("Mentorship")]["id"]
    mentee = (LENA, NINA)[answers.index("Mentorship")]

    at = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    s1 = stack.gql(SCHEDULE, {"m": m, "at": at.isoformat()}, t[mentee])["scheduleSession"]["id"]
    stack.gql(AGENDA, {"s": s1, "t": "What is a control limit?"}, t[mentee])
    agenda = stack.gql(AGENDA, {"s": s1, "t": "Bring last month's data"}, t[SARA])
    assert [a["author"]["email"] for a in agenda["addAgendaItem"]["agenda"]] == [mentee, SARA]
    stack.gql(NOTE, {"s": s1, "b": "I feel behind", "v": "PRIVATE"}, t[mentee])
    stack.gql(NOTE, {"s": s1, "b": "Plot the ticket counts", "v": "SHARED"}, t[SARA])
    stack.gql(GOAL, {"m": m}, t[mentee])
    item = stack.gql(ACTION, {"s": s1, "t": "Export the tickets", "o": ids[mentee]},
                     t[SARA])["addActionItem"]
    assert item["owner"] == {"email": mentee} and not item["done"]
    nowhere = stack.gql(ACTION, {"s": None, "t": "x", "o": ids[mentee]}, t[SARA])
    assert nowhere["addActionItem"] == {"__typename": "ValidationError", "field": "sessionId"}
    s2 = stack.gql(SCHEDULE, {"m": m, "at": (at + timedelta(days=7)).isoformat()},
                   t[SARA])["scheduleSession"]["id"]

    def notes_seen_by(email):
        found = stack.gql(MENTORSHIP, {"id": m}, t[email])["mentorship"]
        return found and [n["body"] for n in found["sessions"][0]["notes"] or []]
    assert notes_seen_by(mentee) == ["I feel behind", "Plot the ticket counts"]
    assert notes_seen_by(SARA) == ["Plot the ticket counts"]
    assert notes_seen_by(BEN) == [] and notes_seen_by(DEV) == []  # null notes, as []
    other = NINA if mentee == LENA else LENA
    assert notes_seen_by(other) is None and notes_seen_by(OUTSIDER) is None
    coordinator_view = stack.gql(MENTORSHIP, {"id": m}, t[BEN])["mentorship"]
    assert coordinator_view["goals"] == [{"title": "Read a control chart", "progress": 40,
                                          "tasks": None, "notes": None}]
    assert coordinator_view["sessions"][0]["agenda"] is None

    second = stack.gql(MENTORSHIP, {"id": m}, t[mentee])["mentorship"]["sessions"][1]
    assert second["id"] == s2 and [i["text"] for i in second["carriedActionItems"]] == [
        "Export the tickets"]
    done = stack.gql(COMPLETE, {"id": item["id"]}, t[mentee])["completeActionItem"]
    assert done["done"] and done["completedAt"]
    assert stack.gql(ICS, {"id": m}, t[mentee])["mentorship"]["sessions"][0]["ics"].startswith(
        "BEGIN:VCALENDAR")

    stack.advance_clock(timedelta(days=30))  # the last session was 8 days on: 22 quiet days
    try:
        watched = stack.gql(PROGRAMME, {"id": p}, t[BEN])["mentoringProgramme"]
        [pair] = [x for x in watched["mentorships"] if x["status"] == "ACTIVE"]
        assert pair["stuck"] and pair["goals"] == [{"title": "Read a control chart",
                                                    "tasks": None}]
        assert pair["sessions"][0]["notes"] is None
        assert (watched["mentorCount"], watched["menteeCount"]) == (2, 2)
        assert stack.gql(PROGRAMME, {"id": p}, t[SARA])["mentoringProgramme"][
            "mentorships"] is None
        report = stack.gql(REPORT, {"id": p}, t[BEN])["programmeReport"]
        assert {k: report[k] for k in ("enrolledMentors", "enrolledMentees", "matchedMentees",
                                       "matchRate", "medianDaysToFirstSession",
                                       "sessionsPerMentorship", "stuckMentorships",
                                       "goalsCompleted", "meanRating")} == {
            "enrolledMentors": 2, "enrolledMentees": 2, "matchedMentees": 1, "matchRate": 0.5,
            "medianDaysToFirstSession": 1.0, "sessionsPerMentorship": 2.0,
            "stuckMentorships": 1, "goalsCompleted": 0, "meanRating": None}
        assert report["csv"].splitlines()[0].startswith("team,enrolled_mentors,")
        denied = stack.graphql(REPORT, {"id": p}, t[SARA]).json()
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"

        journal = "reflections" in deployed_services()
        closed = stack.gql(CLOSE, {"id": m, "r": 5, "j": journal}, t[mentee])["closeMentorship"]
        assert closed["status"] == "CLOSED" and closed["closedBy"] == ["MENTEE"]
        assert closed["milestones"][-1]["reachedAt"] is not None
        again = stack.gql(CLOSE, {"id": m, "r": 4, "j": journal}, t[SARA])["closeMentorship"]
        if journal:  # the mentee's reflection is kept, private, in their journal alone
            assert {"body": "Learned a lot", "visibility": "PRIVATE"} in kept(stack, t[mentee])
            assert "Learned a lot" not in [r["body"] for r in kept(stack, t[SARA])]
        assert again["closedBy"] == ["MENTOR", "MENTEE"]
    finally:
        stack.advance_clock(timedelta(days=-30))


PRIYA, MEI, RAVI = ("priya.nair@kaizen.example", "mei.chen@kaizen.example",
                    "ravi.kumar@kaizen.example")  # coordinator, mentor, mentee
INBOX = """{ notifications(first: 50) { edges { node { kind title body subjectType subjectId
  link } } } }"""
WAIT = 20  # seconds: how long an asynchronous outcome may take before the test fails


def told(stack, token: str, kind: str, wait: float = WAIT) -> list[dict]:
    """The caller's notices of `kind`, once at least one has arrived (or [] after `wait`)."""
    deadline = time.monotonic() + wait
    while True:
        found = [e["node"] for e in stack.gql(INBOX, token=token)["notifications"]["edges"]
                 if e["node"]["kind"] == kind]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.3)


@pytest.mark.skipif("notifications" not in deployed_services(),
                    reason="the notifications service is not deployed (KAIZEN_SERVICES)")
def test_requests_answers_sessions_reminders_and_quiet_pairs_reach_the_inbox(stack):
    t = {e: stack.token(e) for e in (DEV, PRIYA, MEI, RAVI)}
    ids = {e: stack.gql(ME, token=t[e])["me"]["id"] for e in t}
    today = datetime.now(UTC).date()
    p = stack.gql(CREATE, {"input": {
        "name": "Data skills mentoring", "startsOn": str(today - timedelta(days=2)),
        "endsOn": str(today + timedelta(days=60)), "coordinatorIds": [ids[PRIYA]]}},
        t[DEV])["createMentoringProgramme"]["id"]
    stack.gql(ENROL, {"p": p, "input": {"role": "MENTOR", "capacity": 1,
                                        "skills": ["data analysis"]}}, t[MEI])
    stack.gql(ENROL, {"p": p, "input": {"role": "MENTEE", "skills": ["data analysis"],
                                        "goal": "Build my first dashboard"}}, t[RAVI])
    m = stack.gql(REQUEST, {"p": p, "m": ids[MEI]}, t[RAVI])["requestMatch"]["id"]
    [asked] = told(stack, t[MEI], "MENTORING_MATCH_REQUESTED")
    assert (asked["title"], asked["subjectType"], asked["subjectId"]) == (
        "Ravi Kumar asks you to be their mentor", "MENTORSHIP", m)
    assert asked["link"].endswith(f"/#/mentoring/{m}")

    stack.gql(DECIDE, {"id": m}, t[MEI])
    [answer] = told(stack, t[RAVI], "MENTORING_MATCH_DECIDED")
    assert answer["title"] == "Mei Chen and Ravi Kumar are now matched"
    soon = (datetime.now(UTC) + timedelta(hours=20)).replace(microsecond=0)
    stack.gql(SCHEDULE, {"m": m, "at": soon.isoformat()}, t[RAVI])
    [planned] = told(stack, t[MEI], "MENTORING_SESSION_SCHEDULED")
    assert planned["title"].startswith("Ravi Kumar planned a mentoring session: ")
    for person in (MEI, RAVI):  # the session is within a day: both are reminded, once
        [reminder] = told(stack, t[person], "MENTORING_SESSION_DUE")
        assert reminder["body"] == "Mei Chen and Ravi Kumar, 45 minutes. Anything for the agenda?"
    assert told(stack, t[RAVI], "MENTORING_SESSION_SCHEDULED", wait=0) == []  # planned it

    stack.advance_clock(timedelta(days=23))  # 22 days after the session: quiet
    try:
        [quiet] = told(stack, t[PRIYA], "MENTORSHIP_STUCK")
        assert (quiet["title"], quiet["subjectType"], quiet["subjectId"]) == (
            "Mei Chen and Ravi Kumar have gone quiet", "MENTORING_PROGRAMME", p)
        assert quiet["link"].endswith(f"/#/mentoring/programme/{p}")
        assert told(stack, t[MEI], "MENTORSHIP_STUCK", wait=0) == []
    finally:
        stack.advance_clock(timedelta(days=-23))
