"""Seeds continuous growth for the Assembly team, so the team view shows something real:
a team goal with person goals aligned under it, three weeks of check-ins (oldest first,
so plans carry forward) and this week's for some, weekly one-on-ones of Carla with Ana and
Tom with an agenda, notes and an action item, and kudos (one naming a skill)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scripts.seeds import org_data

ORDER = 45
SERVICES = ("career", "growth")
CARLA, ANA, TOM, MEI, NOAH = (f"{p}@{org_data.DOMAIN}" for p in (
    "carla.meyer", "ana.silva", "tom.becker", "mei.chen", "noah.schmidt"))

# (person, weeks ago, plans, progress, problems, mood)
CHECK_INS = [
    (ANA, 3, ["Sketch a shadow board for station 3", "Ask maintenance for foam"],
     ["Finished the gearbox batch on time"], ["Torque wrenches are never where they belong"],
     3),
    (TOM, 3, ["Measure reach distances at station 4"], ["Cleared the rework backlog"],
     ["The parts rack is too low: bending all shift"], 2),
    (MEI, 3, ["Trial the changeover cart"], ["Drew the cart"], [], 4),
    (ANA, 2, ["Try the shadow board for a week"], ["Shadow board is up"],
     ["Foam cut-outs take two weeks from maintenance"], 4),
    (TOM, 2, ["Mock up a tilted rack"], ["Measured all reach distances"],
     ["The rack has to fit the conveyor guard"], 3),
    (MEI, 2, ["Add quick-release clamps"], ["Changeover down from 45 to 28 minutes"],
     ["Fixture adjustment still takes long"], 4),
    (NOAH, 2, ["Learn the new torque spec"], ["Shadowed Ana on station 3"], [], 3),
    (ANA, 1, ["Label the consumables drawer"], ["Search time for wrenches almost gone"], [],
     4),
    (TOM, 1, ["Test the tilted rack"], ["Tilted rack mock-up built"],
     ["Health and safety sign-off takes weeks"], 2),
    (MEI, 0, ["Write the changeover standard"], ["Clamps ordered"],
     ["Clamp supplier quotes six weeks"], 4),
    (ANA, 0, ["Share the shadow board with night shift"], ["Drawer labelled"],
     ["Night shift moves the wrenches back"], 3),
]
KUDOS = [
    (TOM, {"to_person_id": ANA, "skill": "Lean manufacturing", "message":
           "Your shadow board means I find the right wrench in seconds, thank you!"}),
    (CARLA, {"to_team_id": "Assembly", "message":
             "Changeover time fell from 45 to 28 minutes this month: great teamwork."}),
    (ANA, {"to_person_id": MEI, "visibility": "PRIVATE", "message":
           "Thanks for explaining SMED so patiently at the huddle yesterday."}),
]


def monday(weeks_ago: int, today: date) -> str:
    return (today - timedelta(days=today.weekday(), weeks=weeks_ago)).isoformat()


def kr(title: str, start: float, target: float, current: float, unit: str = "") -> dict:
    return {"title": title, "start": start, "target": target, "current": current,
            "unit": unit}


def seed(ctx) -> str:
    today = datetime.now(UTC).date()
    ids = {email: p["id"] for email, p in ctx.people.items()}
    with ctx.as_person(CARLA) as cluster:
        team_goal = cluster.growth.set_goal({
            "title": "Halve changeover time on line 2", "team": "Assembly",
            "visibility": "ORGANISATION", "key_results": [
                kr("Changeover minutes", 45, 22, 28, "min"),
                kr("Stations with a shadow board", 0, 6, 2)]})
    goals = [(ANA, "Roll out shadow boards", [kr("Boards in use", 0, 4, 2)]),
             (MEI, "Standardise the changeover", [kr("Steps documented", 0, 12, 7),
                                                  kr("Operators trained", 0, 8, 3)]),
             (TOM, "Ergonomic racks at station 4", [kr("Racks tilted", 0, 3, 0)])]
    for email, title, key_results in goals:
        with ctx.as_person(email) as cluster:
            cluster.growth.set_goal({"title": title, "parent_id": team_goal["id"],
                                     "key_results": key_results})
    for email, weeks_ago, plans, progress, problems, mood in CHECK_INS:
        with ctx.as_person(email) as cluster:
            cluster.growth.submit_check_in({
                "week_of": monday(weeks_ago, today), "plans": plans, "progress": progress,
                "problems": problems, "mood": mood})
    starts = datetime.combine(today + timedelta(days=2), datetime.min.time(), UTC)
    with ctx.as_person(CARLA) as cluster:
        with_ana = cluster.growth.schedule_one_on_ones(
            ids[ANA], "WEEKLY", (starts + timedelta(hours=10)).isoformat())
        cluster.growth.schedule_one_on_ones(ids[TOM], "BIWEEKLY",
                                            (starts + timedelta(hours=14)).isoformat())
        cluster.growth.add_talking_point(with_ana["id"], "Night shift and the shadow board")
        cluster.growth.add_action_item(with_ana["id"], "Ask maintenance for foam cut-outs",
                                       ids[CARLA])
    with ctx.as_person(ANA) as cluster:
        cluster.growth.add_talking_point(with_ana["id"], "Could I join the SMED training?")
        cluster.growth.add_one_on_one_note(with_ana["id"], "Carla supports the SMED training.",
                                           "SHARED")
    for email, fields in KUDOS:
        with ctx.as_person(email) as cluster:
            fields = {**fields}
            if "to_person_id" in fields:
                fields["to_person_id"] = ids[fields["to_person_id"]]
            cluster.growth.give_kudos(fields)
    return (f"{len(goals) + 1} goals, {len(CHECK_INS)} check-ins, 2 one-on-one series, "
            f"{len(KUDOS)} kudos")
