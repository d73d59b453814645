"""Seeds one running mentoring programme: Dev Patel (admin) creates it for Carla Meyer to
coordinate; four mentors and eight mentees enrol; pairs stand at different milestones
(just matched; first goal and session held; three completed with ratings, so the report
shows a mean rating), one pair went quiet 25 days ago (stuck), one request waits and one
mentee is still unmatched. Each step is taken by the person concerned, through the career
service; only the dates of matches are moved back (by the seed's own identity), before the
pair plays on, so every session follows its match."""
from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime, timedelta

from scripts.seeds import org_data

ORDER = 16
SERVICES = ("career",)
PROGRAMME = "Lean foundations mentoring"
MENTORS = {"hana.sato": (["lean manufacturing", "coach employees", "5S"], 2),
           "grace.kim": (["quality standards", "statistical process control"], 2),
           "ahmed.hassan": (["warehouse operations", "lean manufacturing"], 2),
           "felix.braun": (["customer service", "coach employees"], 1)}
MENTEES = {"pedro.alves": (["lean manufacturing"], "Run a 5S event on the maintenance bench"),
           "marek.nowak": (["5S", "lean manufacturing"], "Cut the welding cell's setup time"),
           "noah.schmidt": (["coach employees"], "Train new line operators well"),
           "fatima.zahra": (["lean manufacturing"], "Lead a kaizen event on my line"),
           "aisha.bello": (["statistical process control"], "Read our control charts alone"),
           "ines.costa": (["quality standards"], "Write the lab's first standard work"),
           "julia.wagner": (["statistical process control"], "Set up SPC for gauges"),
           "viktor.petrov": (["quality standards", "lean manufacturing"],
                             "Bring lean thinking to supplier audits")}
# mentee -> (mentor, what happened)
PAIRS = {"pedro.alves": ("hana.sato", "first session"), "marek.nowak": ("hana.sato", "quiet"),
         "noah.schmidt": ("felix.braun", "matched"),
         "fatima.zahra": ("ahmed.hassan", "completed"),
         "aisha.bello": ("grace.kim", "completed"), "ines.costa": ("grace.kim", "completed"),
         "julia.wagner": ("ahmed.hassan", "requested")}
# how long ago each kind of pair was matched (the seed back-dates the match, then plays on)
MATCHED_DAYS_AGO = {"first session": 20, "completed": 40, "quiet": 25}


def email(local: str) -> str:
    return f"{local}@{org_data.DOMAIN}"


def seed(ctx) -> str:
    today = datetime.now(UTC).date()
    with ExitStack() as stack:
        proxies: dict = {}

        def career(local: str):
            if local not in proxies:
                proxies[local] = stack.enter_context(ctx.as_person(email(local)))
            return proxies[local].career

        def person_id(local: str) -> str:
            return ctx.people[email(local)]["id"]

        programme = career("dev.patel").create_mentoring_programme({
            "name": PROGRAMME, "description": "Six months of pairing on lean basics.",
            "starts_on": (today - timedelta(days=50)).isoformat(),
            "ends_on": (today + timedelta(days=40)).isoformat(),
            "coordinator_ids": [person_id("carla.meyer")]})
        for local, (skills, capacity) in MENTORS.items():
            career(local).enrol_in_programme(programme["id"], {
                "role": "MENTOR", "skills": skills, "capacity": capacity})
        for local, (skills, goal) in MENTEES.items():
            career(local).enrol_in_programme(programme["id"], {
                "role": "MENTEE", "skills": skills, "goal": goal})
        for mentee, (mentor, stage) in PAIRS.items():
            m = career(mentee).request_match(programme["id"], person_id(mentor))
            if stage == "requested":
                continue
            career(mentor).decide_match(m["id"], "ACCEPT")
            if stage in MATCHED_DAYS_AGO:
                with ctx.as_system() as system:
                    system.career.backdate_mentorship(m["id"], MATCHED_DAYS_AGO[stage])
            play(career, mentee, mentor, m["id"], stage, person_id(mentee))
    return f"1 mentoring programme, {len(PAIRS)} matches"


def play(career, mentee: str, mentor: str, mentorship_id: str, stage: str,
         mentee_id: str) -> None:
    if stage in ("first session", "completed"):
        career(mentee).add_mentorship_goal(mentorship_id, {
            "title": MENTEES[mentee][1], "progress": 100 if stage == "completed" else 30,
            "tasks": [{"text": "Agree the scope", "done": True}, {"text": "Try it once"}]})
        held = datetime.now(UTC) - timedelta(days=3 if stage == "first session" else 34)
        session = career(mentor).schedule_session(mentorship_id, held.isoformat(), 45)
        career(mentee).add_session_note(session["id"], "Start with one workstation.",
                                        "SHARED")
        career(mentor).add_action_item(session["id"], "Photograph the bench before 5S",
                                       mentee_id)
    if stage == "first session":
        upcoming = datetime.now(UTC) + timedelta(days=4)
        career(mentee).schedule_session(mentorship_id, upcoming.isoformat(), 30)
    if stage == "completed":
        career(mentee).close_mentorship(mentorship_id, 5, "It gave me the confidence to lead.")
        career(mentor).close_mentorship(mentorship_id, 4, "A keen learner.")

