"""Seeds demo PDCA experiments through the experiments service's own RPC, each step taken by
the person who would take it: owners plan, start, study and conclude; members record.
Several run on seeded ideas; the SMED cart shows a clear shift after the change, the
shift huddle only noise, and the shadow board continues in a follow-up after ADAPT.

Times are relative to today. Points dated before an experiment's start date form its
baseline period; the others show the change."""
from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from scripts.seeds import org_data

ORDER = 30
SERVICES = ("career", "ideas", "experiments")


class Demo(NamedTuple):
    owner: str
    members: list[str]
    idea: str | None  # the title of a seeded idea
    title: str
    hypothesis: str
    metric: tuple  # name, unit, direction, baseline, target
    starts: int  # days ago
    every: int  # days between measurements
    before: list[float]  # the baseline period
    after: list[float]
    stage: str  # PLAN | DO | STUDY | CONCLUDED
    conclusion: tuple | None = None  # decision, learnings, where else
    follow_up: Demo | None = None  # planned by the ADAPT decision


SOCKETS = Demo(
    "ana.silva", [], None, "Foam cut-outs for sockets on every station",
    "Foam cut-outs make a missing socket obvious: search time falls below 2 minutes",
    ("Time spent looking for tools", "min per shift", "DECREASE", 5, 2), 8, 2,
    [6, 5, 6, 4], [3, 3, 2], "DO")

DEMOS = [
    Demo("mei.chen", ["tom.becker", "ana.silva"], "Quick changeover kit for line 2",
         "SMED changeover cart on line 2",
         "With every fixture pre-sorted on a cart, changeovers on line 2 drop below 30 minutes",
         ("Changeover time", "min", "DECREASE", 45, 25), 22, 2,
         [46, 44, 47, 43, 45, 48, 44, 46], [38, 33, 31, 30, 29, 31, 28, 30, 27, 29], "STUDY"),
    Demo("priya.nair", ["jonas.berg"], "Pick-to-light for fast movers",
         "Pick-to-light on the fast-mover aisle",
         "Lights at the 50 fastest movers halve picking errors on that aisle",
         ("Picking errors", "per 1,000 picks", "DECREASE", 6, 3), 4, 1,
         [6.2, 5.8, 6.5, 5.9, 6.1, 6.4, 5.7, 6.0, 6.3, 5.9], [5.5, 5.1, 5.3, 4.8], "DO"),
    Demo("lena.vogel", ["kwame.mensah"], "Reply templates for the top 10 questions",
         "Reply templates in the support inbox",
         "Reviewed templates for the ten most common questions cut handling time by a third",
         ("Handling time", "min per ticket", "DECREASE", 12, 8), 40, 3,
         [12.4, 11.8, 12.9, 12.1, 11.6, 12.5], [9.8, 9.1, 9.5, 8.7, 9.0, 8.8, 9.3, 8.6],
         "CONCLUDED", ("ADOPT", "Templates cut handling time by a quarter within a week; "
                       "agents still personalise the first line, and customers noticed.",
                       "The internal IT helpdesk answers the same ten questions")),
    Demo("carla.meyer", ["ana.silva", "tom.becker", "mei.chen"], None,
         "Five-minute quality huddle at shift start",
         "Reviewing yesterday's defects at the start of each shift raises first-pass yield",
         ("First-pass yield", "%", "INCREASE", 92, 95), 20, 2,
         [92.1, 92.4, 91.6, 92.7, 91.5, 91.8],
         [92.6, 92.3, 91.7, 92.5, 91.4, 91.9, 92.8, 91.6, 92.2, 91.8],
         "CONCLUDED", ("ABANDON", "Four weeks without a signal: yield moved only within its "
                       "usual noise. The huddle helps people talk, not the yield.", None)),
    Demo("ana.silva", ["carla.meyer"], "Shadow board for torque wrenches",
         "Shadow board trial at station 3",
         "A labelled shadow board cuts the time spent looking for wrenches to under 5 minutes",
         ("Time spent looking for tools", "min per shift", "DECREASE", 10, 4), 30, 2,
         [10, 11, 9, 12, 10, 9], [6, 5, 7, 5, 6, 4], "CONCLUDED",
         ("ADAPT", "The board works for wrenches; sockets still go missing because they look "
                   "alike. Next: foam cut-outs.", "The consumables drawer"), SOCKETS),
]


def email(local: str) -> str:
    return f"{local}@{org_data.DOMAIN}"


def moment(days_ago: int) -> str:
    day = date.today() - timedelta(days=days_ago)
    return datetime.combine(day, time(8), UTC).isoformat()


def series(demo: Demo) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(at, value) of the baseline points, before the start date, and of the later ones."""
    before = [(moment(demo.starts + (len(demo.before) - i) * demo.every), v)
              for i, v in enumerate(demo.before)]
    after = [(moment(demo.starts - i * demo.every), v) for i, v in enumerate(demo.after)]
    return before, after


def fields(demo: Demo, people: dict, idea_ids: dict) -> dict:
    name, unit, direction, baseline, target = demo.metric
    return {"title": demo.title, "hypothesis": demo.hypothesis, "idea_id": idea_ids.get(demo.idea),
            "metric": {"name": name, "unit": unit, "direction": direction,
                       "baseline": baseline, "target": target},
            "starts_on": (date.today() - timedelta(days=demo.starts)).isoformat(),
            "ends_on": (date.today() + timedelta(days=21)).isoformat(),
            "member_ids": [people[email(m)]["id"] for m in demo.members]}


def seed(ctx) -> str:
    with contextlib.ExitStack() as stack:
        proxies: dict = {}

        def act(local: str):
            if local not in proxies:
                proxies[local] = stack.enter_context(ctx.as_person(email(local)))
            return proxies[local].experiments

        ideas = stack.enter_context(ctx.as_system()).ideas.list_ideas(first=100)["items"]
        idea_ids = {idea["title"]: idea["id"] for idea in ideas}
        for demo in DEMOS:
            experiment = act(demo.owner).plan_experiment(fields(demo, ctx.people, idea_ids))
            run(act, demo, experiment, ctx.people, idea_ids)
    return f"{len(DEMOS) + 1} experiments"


def run(act, demo: Demo, experiment: dict, people: dict, idea_ids: dict) -> None:
    """Records the series and takes the experiment to its stage (and its follow-up on)."""
    owner, experiment_id = act(demo.owner), experiment["id"]
    before, after = series(demo)
    for at, value in before:
        owner.record_measurement(experiment_id, value, at)
    if demo.stage == "PLAN":
        return
    owner.start_experiment(experiment_id)
    for i, (at, value) in enumerate(after):
        act(([demo.owner] + demo.members)[i % (len(demo.members) + 1)]).record_measurement(
            experiment_id, value, at)
    if demo.stage == "DO":
        return
    owner.study_experiment(experiment_id)
    if demo.stage == "STUDY":
        return
    decision, learnings, where_else = demo.conclusion
    follow = demo.follow_up
    follow_fields = follow and {k: v for k, v in fields(follow, people, idea_ids).items()
                                if k in ("title", "hypothesis", "metric", "starts_on",
                                         "ends_on")}
    done = owner.conclude_experiment(experiment_id, decision, learnings, where_else,
                                     follow_fields)
    if follow:
        follow_up = {"id": done["follow_up_ids"][0]}
        run(act, follow, follow_up, people, idea_ids)
