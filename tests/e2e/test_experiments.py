"""Measured PDCA experiments through the gateway, on the running stack with the demo seed:
a newcomer plans on an idea, records twelve points, sees the shift and concludes, and the
idea follows; permissions and bad input come back as typed errors; the seeded experiments
tell signal from noise; and a page of experiments makes one batched call per service."""
from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta

import httpx

EMMA = "emma.dubois@kaizen.example"  # a newcomer: no experiments of her own yet
RAVI = "ravi.kumar@kaizen.example"
ANA = "ana.silva@kaizen.example"
BEN = "ben.okafor@kaizen.example"  # reviewer
CARLA = "carla.meyer@kaizen.example"  # manager

ERRORS = "... on UserError { __typename message } ... on ValidationError { field }"
EXPERIMENT = """id title hypothesis stage idea { id title } members { name }
  metric { name unit direction baseline target }
  runChart { median points { at value note baseline } signals { kind fromIndex toIndex
  description } } effect { absolute relative towardTarget improved } decision learnings
  followUps { id title }"""
PLAN = f"""mutation($input: PlanExperimentInput!) {{ planExperiment(input: $input) {{
  __typename ... on Experiment {{ {EXPERIMENT} }} {ERRORS} }} }}"""
RECORD = """mutation($id: ID!, $value: Float!, $at: DateTime!, $note: String) {
  recordMeasurement(experimentId: $id, value: $value, at: $at, note: $note) {
  __typename ... on Experiment { runChart { points { value } } } ... on UserError { message }
  } }"""
IMPORT = f"""mutation($id: ID!, $csv: String!) {{ importMeasurements(experimentId: $id,
  csv: $csv) {{ __typename ... on MeasurementsImported {{ recorded corrected unchanged }}
  ... on MeasurementImportError {{ rows {{ row field message }} }} {ERRORS} }} }}"""
MOVE = """mutation($id: ID!) {{ {name}(id: $id) {{ __typename
  ... on Experiment {{ stage }} ... on UserError {{ message }} }} }}"""
CONCLUDE = f"""mutation($id: ID!, $decision: ExperimentDecision!, $learnings: String!,
  $whereElse: String) {{ concludeExperiment(id: $id, decision: $decision,
  learnings: $learnings, whereElse: $whereElse) {{
  __typename ... on Experiment {{ {EXPERIMENT} }} {ERRORS} }} }}"""
GET = f"query($id: ID!) {{ experiment(id: $id) {{ {EXPERIMENT} }} }}"
IDEA_STATUS = "query($id: ID!) { idea(id: $id) { status } }"

STARTS = date.today() - timedelta(days=6)
BEFORE = [12, 14, 11, 13, 12, 13]  # minutes to find a pallet spot, before the change
AFTER = [7, 6, 8, 5, 6, 7]  # with marked bays


def at(days_after_start: int) -> str:
    return datetime.combine(STARTS + timedelta(days=days_after_start),
                            datetime.min.time(), UTC).replace(hour=9).isoformat()


def accepted_idea(stack, emma: str) -> dict:
    idea = stack.gql("""mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
      ... on Idea { id title } } }""", {"input": {
        "title": "Marked bays for returned pallets",
        "problem": "Drivers search for a free spot for returned pallets"}}, emma)["submitIdea"]
    ben = stack.token(BEN)
    for status in ("IN_REVIEW", "ACCEPTED"):
        stack.gql("""mutation($id: ID!, $to: IdeaStatus!) { transitionIdea(id: $id, to: $to) {
          __typename } }""", {"id": idea["id"], "to": status}, ben)
    return idea


def wait_for_idea(stack, token: str, idea_id: str, status: str) -> None:
    """The idea follows over the broker: poll (bounded) until it has."""
    deadline = time.monotonic() + 30
    while stack.gql(IDEA_STATUS, {"id": idea_id}, token)["idea"]["status"] != status:
        assert time.monotonic() < deadline, f"the idea never became {status}"
        time.sleep(0.2)


def move(stack, name: str, experiment_id: str, token: str) -> dict:
    return stack.gql(MOVE.format(name=name), {"id": experiment_id}, token)[name]


def test_a_newcomer_plans_records_twelve_points_sees_the_shift_and_concludes(stack):
    emma, ravi, ana = (stack.token(e) for e in (EMMA, RAVI, ANA))
    idea = accepted_idea(stack, emma)
    ravi_id = stack.gql("{ me { id } }", token=ravi)["me"]["id"]
    plan = {"ideaId": idea["id"], "title": "Marked bays for returned pallets",
            "hypothesis": "Marked bays cut the search for a pallet spot below 8 minutes",
            "metric": {"name": "Time to park a returned pallet", "unit": "min",
                       "direction": "DECREASE", "baseline": 12.5, "target": 14},
            "startsOn": STARTS.isoformat(), "endsOn": (STARTS + timedelta(days=28)).isoformat(),
            "memberIds": [ravi_id]}
    refused = stack.gql(PLAN, {"input": plan}, emma)["planExperiment"]
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "metric.target")
    experiment = stack.gql(PLAN, {"input": {**plan, "metric": {**plan["metric"], "target": 8}}},
                           emma)["planExperiment"]
    assert (experiment["__typename"], experiment["stage"]) == ("Experiment", "PLAN")
    assert experiment["idea"] == {"id": idea["id"], "title": idea["title"]}
    assert experiment["members"] == [{"name": "Emma Dubois"}, {"name": "Ravi Kumar"}]
    experiment_id = experiment["id"]

    for i, value in enumerate(BEFORE):  # the baseline period, before the change
        recorded = stack.gql(RECORD, {"id": experiment_id, "value": value, "at": at(i - 6)},
                             emma if i % 2 else ravi)["recordMeasurement"]
        assert recorded["__typename"] == "Experiment", recorded
    outsider = stack.gql(RECORD, {"id": experiment_id, "value": 1, "at": at(-1)}, ana)
    assert outsider["recordMeasurement"]["__typename"] == "PermissionDeniedError"
    assert move(stack, "startExperiment", experiment_id, emma)["stage"] == "DO"
    wait_for_idea(stack, emma, idea["id"], "EXPERIMENTING")

    bad_csv = "at,value\n" + f"{at(0)},7\n{at(1)},six\n{at(2)},inf\n"
    bad = stack.gql(IMPORT, {"id": experiment_id, "csv": bad_csv}, ravi)["importMeasurements"]
    assert bad["__typename"] == "MeasurementImportError"
    assert [(r["row"], r["field"]) for r in bad["rows"]] == [(3, "value"), (4, "value")]
    csv = "at,value,note\n" + "".join(f"{at(i)},{v},\n" for i, v in enumerate(AFTER[:5]))
    imported = stack.gql(IMPORT, {"id": experiment_id, "csv": csv}, ravi)["importMeasurements"]
    assert (imported["recorded"], imported["corrected"]) == (5, 0)
    stack.gql(RECORD, {"id": experiment_id, "value": AFTER[5], "at": at(5),
                       "note": "forklift in repair"}, emma)

    chart = stack.gql(GET, {"id": experiment_id}, ana)["experiment"]["runChart"]
    assert len(chart["points"]) == 12 and chart["median"] == 12.5
    assert [p["baseline"] for p in chart["points"]] == [True] * 6 + [False] * 6
    signals = {(s["kind"], s["fromIndex"], s["toIndex"]) for s in chart["signals"]}
    assert ("SHIFT", 6, 11) in signals
    shift = next(s for s in chart["signals"] if s["kind"] == "SHIFT")
    assert shift["description"] == "6 points in a row below the median (12.5) — a shift, not noise"

    assert move(stack, "studyExperiment", experiment_id, ravi)["stage"] == "STUDY"
    by_member = stack.gql(CONCLUDE, {"id": experiment_id, "decision": "ADOPT",
                                     "learnings": "It works"}, ravi)["concludeExperiment"]
    assert by_member["__typename"] == "PermissionDeniedError"
    done = stack.gql(CONCLUDE, {"id": experiment_id, "decision": "ADOPT",
                                "learnings": "Marked bays halve the search for a spot",
                                "whereElse": "The empties area by dock 2"},
                     emma)["concludeExperiment"]
    assert (done["stage"], done["decision"]) == ("CONCLUDED", "ADOPT")
    assert done["effect"] == {"absolute": -6.0, "relative": -48.0,
                              "towardTarget": 6 / 4.5, "improved": True}
    wait_for_idea(stack, emma, idea["id"], "IMPLEMENTED")
    again = stack.gql(MOVE.format(name="startExperiment"), {"id": experiment_id}, emma)
    assert again["startExperiment"]["__typename"] == "ConflictError"
    assert "from CONCLUDED to DO" in again["startExperiment"]["message"]
    mine = stack.gql("""query($me: ID!) { experiments(filter: {memberId: $me}) { totalCount
      edges { node { id } } } }""", {"me": ravi_id}, ravi)["experiments"]
    assert mine == {"totalCount": 1, "edges": [{"node": {"id": experiment_id}}]}


ADAPT = f"""mutation($id: ID!, $followUp: FollowUpExperimentInput) {{
  concludeExperiment(id: $id, decision: ADAPT, learnings: "Half way there",
  followUp: $followUp) {{ __typename ... on Experiment {{ stage followUps {{ id title stage
  members {{ name }} metric {{ target }} previous {{ id }} }} }} {ERRORS} }} }}"""


def test_adapt_continues_the_pdca_chain_in_a_follow_up(stack):
    emma = stack.token(EMMA)
    plan = {"title": "Visual board for the returns desk", "hypothesis": "Fewer lost returns",
            "metric": {"name": "Lost returns", "unit": "per week", "direction": "DECREASE",
                       "baseline": 9, "target": 3},
            "startsOn": STARTS.isoformat(), "endsOn": (STARTS + timedelta(days=14)).isoformat()}
    experiment = stack.gql(PLAN, {"input": plan}, emma)["planExperiment"]
    for name in ("startExperiment", "studyExperiment"):
        move(stack, name, experiment["id"], emma)
    follow_up = {"title": "Board plus a daily check", "hypothesis": "The check keeps it used",
                 "startsOn": date.today().isoformat(),
                 "endsOn": (date.today() - timedelta(days=1)).isoformat()}
    refused = stack.gql(ADAPT, {"id": experiment["id"], "followUp": follow_up},
                        emma)["concludeExperiment"]
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "followUp.endsOn")
    follow_up["endsOn"] = (date.today() + timedelta(days=14)).isoformat()
    done = stack.gql(ADAPT, {"id": experiment["id"], "followUp": follow_up},
                     emma)["concludeExperiment"]
    assert done["stage"] == "CONCLUDED"
    [follow] = done["followUps"]
    assert (follow["title"], follow["stage"], follow["members"]) == \
        ("Board plus a daily check", "PLAN", [{"name": "Emma Dubois"}])
    assert (follow["metric"]["target"], follow["previous"]) == (3.0, {"id": experiment["id"]})
    again = stack.gql(PLAN, {"input": {**plan, "title": "A second try",
                                       "previousExperimentId": experiment["id"]}},
                      emma)["planExperiment"]
    assert again["__typename"] == "Experiment"


def test_the_seeded_experiments_tell_a_shift_from_noise(stack):
    token = stack.token(CARLA)
    data = stack.gql(f"""{{ experiments(first: 50) {{ totalCount edges {{ node {{ {EXPERIMENT}
      }} }} }} }}""", token=token)["experiments"]
    nodes = {e["node"]["title"]: e["node"] for e in data["edges"]}
    smed = nodes["SMED changeover cart on line 2"]
    assert smed["stage"] == "STUDY" and smed["idea"]["title"] == "Quick changeover kit for line 2"
    assert "SHIFT" in {s["kind"] for s in smed["runChart"]["signals"]}
    huddle = nodes["Five-minute quality huddle at shift start"]
    assert (huddle["decision"], huddle["runChart"]["signals"]) == ("ABANDON", [])
    board = nodes["Shadow board trial at station 3"]
    assert board["followUps"] == [{"id": nodes["Foam cut-outs for sockets on every station"]
                                   ["id"], "title": "Foam cut-outs for sockets on every station"}]


def _rpc_calls(stack, method: str) -> float:
    text = httpx.get(f"{stack.url}/metrics").text
    pattern = rf'kaizen_gateway_rpc_seconds_count{{method="{method}",service="\w+"}} (\S+)'
    match = re.search(pattern, text)
    return float(match.group(1)) if match else 0.0


BATCHED = ("list_experiments", "get_people", "get_ideas", "get_experiments",
           "get_corrections_of")


def test_a_page_of_experiments_makes_one_batched_call_per_service(stack):
    token = stack.token(ANA)
    before = {m: _rpc_calls(stack, m) for m in BATCHED}
    data = stack.gql("""{ experiments(first: 20) { edges { node { title owner { name }
      members { name } idea { title } followUps { title } corrections { newValue }
      history { to by { name } } } } } }""", token=token)
    after = {m: _rpc_calls(stack, m) for m in BATCHED}
    assert {m: after[m] - before[m] for m in BATCHED} == {m: 1 for m in BATCHED}
    nodes = [e["node"] for e in data["experiments"]["edges"]]
    assert len(nodes) >= 6 and all(n["members"] and n["owner"] for n in nodes)
