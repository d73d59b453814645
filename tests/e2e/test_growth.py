"""Continuous growth through the gateway, on the running stack with the demo seed: the
team view of the seeded Assembly team, a person's whole loop (goal, check-in, a problem
turned into an idea that links back, kudos), a one-on-one prepared by both sides, and who
sees moods and notes."""
from __future__ import annotations

import time

import pytest

DOMAIN = "kaizen.example"
CARLA, ANA, TOM = (f"{p}@{DOMAIN}" for p in ("carla.meyer", "ana.silva", "tom.becker"))
LUIS, BEN, DEV = (f"{p}@{DOMAIN}" for p in ("luis.ortega", "ben.okafor", "dev.patel"))
EMMA = f"emma.dubois@{DOMAIN}"

TEAM = """query($team: String!) { teamGrowth(teamId: $team) {
  members checkedIn completion goalProgress kudosReceived
  people { checkedIn mood person { email } }
  goals { title progress owner { email } children { title } }
  openProblems { text person { email } } ideas { title } } }"""
ME = "{ me { id } }"


@pytest.fixture(scope="module")
def tokens(stack):
    return {email: stack.token(email) for email in (CARLA, ANA, TOM, LUIS, BEN, DEV, EMMA)}


def test_the_seeded_team_view_shows_the_week_the_goals_and_moods_in_the_chain(stack, tokens):
    view = stack.gql(TEAM, {"team": "Assembly"}, tokens[CARLA])["teamGrowth"]
    assert view["checkedIn"] >= 2 and view["members"] >= view["checkedIn"]
    moods = {p["person"]["email"]: p["mood"] for p in view["people"]}
    assert moods[ANA] == 3 and moods[TOM] is None  # Tom has not checked in this week
    [team_goal] = [g for g in view["goals"] if g["owner"] is None]
    assert {c["title"] for c in team_goal["children"]} >= {"Roll out shadow boards"}
    assert 0 < view["goalProgress"] < 1 and view["kudosReceived"] >= 2
    assert "Night shift moves the wrenches back" in {p["text"] for p in view["openProblems"]}
    other = stack.gql(TEAM, {"team": "Assembly"}, tokens[LUIS])["teamGrowth"]
    assert {p["mood"] for p in other["people"]} == {None}  # a manager outside the chain
    admin = stack.gql(TEAM, {"team": "Assembly"}, tokens[DEV])["teamGrowth"]
    assert {p["person"]["email"]: p["mood"] for p in admin["people"]}[ANA] == 3  # Carla's boss
    refused = stack.graphql(TEAM, {"team": "Assembly"}, tokens[BEN]).json()
    assert refused["errors"][0]["message"] == "the team view is for managers"


SET_GOAL = """mutation($input: SetGoalInput!) { setGoal(input: $input) {
  __typename ... on Goal { id progress visibility keyResults { id progress } }
  ... on ValidationError { field message } } }"""
CHECK_IN = """mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) {
  __typename ... on CheckIn { id mood plans { text carried } problems { index text } }
  ... on ValidationError { field message } } }"""
TURN = """mutation($id: ID!) { turnProblemIntoIdea(checkInId: $id, problemIndex: 0) {
  __typename ... on ProblemTurnedIntoIdea { idea { id title sourceRef author { email } }
    checkIn { problems { idea { id } } } } ... on UserError { message } } }"""
KUDOS = """mutation($input: GiveKudosInput!) { giveKudos(input: $input) {
  __typename ... on Kudos { id message from { email } toTeamId }
  ... on ValidationError { field message } } }"""


def test_a_person_sets_a_goal_checks_in_and_turns_a_problem_into_an_idea(stack, tokens):
    token = tokens[EMMA]
    made = stack.gql(SET_GOAL, {"input": {
        "title": "Automate the weekly report", "visibility": "PRIVATE",
        "keyResults": [{"title": "Manual hours a week", "start": 6, "target": 1,
                        "current": 5, "unit": "h"}]}}, token)["setGoal"]
    assert made["__typename"] == "Goal" and made["progress"] == pytest.approx(0.2)
    bad = stack.gql(CHECK_IN, {"input": {"mood": 9, "plans": ["x"]}}, token)["submitCheckIn"]
    assert bad["__typename"] == "ValidationError" and bad["field"] in {"plans", "mood"}
    check_in = stack.gql(CHECK_IN, {"input": {
        "plans": ["Script the export"], "problems": ["The export job times out every Monday"],
        "mood": 4, "keyResults": [{"id": made["keyResults"][0]["id"], "current": 4}]}},
        token)["submitCheckIn"]
    assert check_in["__typename"] == "CheckIn" and check_in["mood"] == 4
    turned = stack.gql(TURN, {"id": check_in["id"]}, token)["turnProblemIntoIdea"]
    idea = turned["idea"]
    assert idea["title"] == "The export job times out every Monday"
    assert idea["sourceRef"] == f"growth:check-in:{check_in['id']}:0"
    assert idea["author"]["email"] == EMMA
    assert turned["checkIn"]["problems"][0]["idea"]["id"] == idea["id"]
    again = stack.gql(TURN, {"id": check_in["id"]}, token)["turnProblemIntoIdea"]
    assert again == {"__typename": "ConflictError", "message": "this problem is already an idea"}
    goal = stack.gql("query($id: ID!) { goal(id: $id) { progress } }", {"id": made["id"]},
                     token)["goal"]
    assert goal["progress"] == pytest.approx(0.4)
    for reader, seen in ((TOM, None), (DEV, {"progress": pytest.approx(0.4)})):
        assert stack.gql("query($id: ID!) { goal(id: $id) { progress } }",
                         {"id": made["id"]}, tokens[reader])["goal"] == seen


def test_kudos_say_what_and_why_and_reach_the_team_feed(stack, tokens):
    short = stack.gql(KUDOS, {"input": {"toTeamId": "Assembly", "message": "Thanks!"}},
                      tokens[EMMA])["giveKudos"]
    assert short["field"] == "message" and "what and why" in short["message"]
    given = stack.gql(KUDOS, {"input": {
        "toTeamId": "Assembly", "message": "The new shadow boards made my audit a breeze."}},
        tokens[EMMA])["giveKudos"]
    assert given["toTeamId"] == "Assembly" and given["from"]["email"] == EMMA
    feed = stack.gql("""{ kudosFeed(teamId: "Assembly") { totalCount
        edges { node { id message visibility } } } }""", None, tokens[TOM])["kudosFeed"]
    ids = [e["node"]["id"] for e in feed["edges"]]
    assert given["id"] in ids
    assert {e["node"]["visibility"] for e in feed["edges"]} == {"PUBLIC"}  # not Mei's private


ONE_ON_ONES = """{ oneOnOnes { id scheduledAt manager { email } report { email }
  talkingPoints { text author { email } } notes { body visibility }
  actionItems { text done owner { email } } } }"""


def test_both_sides_prepare_a_one_on_one_and_private_notes_stay_private(stack, tokens):
    [with_ana, *_] = [m for m in stack.gql(ONE_ON_ONES, None, tokens[ANA])["oneOnOnes"]
                      if m["manager"]["email"] == CARLA]
    assert {p["text"] for p in with_ana["talkingPoints"]} >= {
        "Night shift and the shadow board", "Could I join the SMED training?"}
    assert [i["text"] for i in with_ana["actionItems"]] == ["Ask maintenance for foam cut-outs"]
    note = """mutation($id: ID!, $body: String!, $v: NoteVisibility!) {
      addOneOnOneNote(oneOnOneId: $id, body: $body, visibility: $v) {
        __typename ... on OneOnOneNote { id visibility } } }"""
    stack.gql(note, {"id": with_ana["id"], "body": "Ask about the night shift", "v": "PRIVATE"},
              tokens[ANA])
    point = """mutation($id: ID!) { addTalkingPoint(oneOnOneId: $id, text: "Training budget") {
      __typename ... on TalkingPoint { text } ... on UserError { message } } }"""
    assert stack.gql(point, {"id": with_ana["id"]}, tokens[CARLA])["addTalkingPoint"] == {
        "__typename": "TalkingPoint", "text": "Training budget"}
    assert stack.gql(point, {"id": with_ana["id"]}, tokens[TOM])["addTalkingPoint"][
        "__typename"] == "NotFoundError"
    read = "query($id: ID!) { oneOnOne(id: $id) { notes { body } } }"
    carla_sees = stack.gql(read, {"id": with_ana["id"]}, tokens[CARLA])["oneOnOne"]["notes"]
    ana_sees = stack.gql(read, {"id": with_ana["id"]}, tokens[ANA])["oneOnOne"]["notes"]
    assert "Ask about the night shift" not in {n["body"] for n in carla_sees}
    assert "Ask about the night shift" in {n["body"] for n in ana_sees}
    assert stack.gql(read, {"id": with_ana["id"]}, tokens[TOM])["oneOnOne"] is None


def test_a_manager_reacts_to_a_check_in_and_puts_it_on_the_agenda(stack, tokens):
    [mine] = [c for c in stack.gql("{ myCheckIns { id weekOf mood } }", None,
                                   tokens[ANA])["myCheckIns"]][:1]
    react = """mutation($id: ID!) { reactToCheckIn(checkInId: $id, emoji: "👏",
      comment: "Let us look at the night shift together", addToOneOnOne: true) {
      __typename ... on CheckIn { mood reactions { emoji author { email } } }
      ... on UserError { message } } }"""
    assert stack.gql(react, {"id": mine["id"]}, tokens[TOM])["reactToCheckIn"][
        "__typename"] == "PermissionDeniedError"
    reacted = stack.gql(react, {"id": mine["id"]}, tokens[CARLA])["reactToCheckIn"]
    assert reacted["mood"] == mine["mood"]
    assert reacted["reactions"][-1] == {"emoji": "👏", "author": {"email": CARLA}}
    team = stack.gql("""{ teamCheckIns(teamId: "Assembly") { mood person { email } } }""",
                     None, tokens[TOM])["teamCheckIns"]
    assert {c["person"]["email"] for c in team} >= {ANA} and {c["mood"] for c in team} == {None}


ADD_ITEM = """mutation($o: ID!, $owner: ID!) { addActionItem(oneOnOneId: $o, ownerId: $owner,
  text: "Draft the shadow board layout") {
  __typename ... on ActionItem { id text done owner { email } } ... on UserError { message } } }"""
COMPLETE_ITEM = """mutation($id: ID!) { completeActionItem(id: $id) {
  __typename ... on ActionItem { id done completedAt } ... on UserError { message } } }"""


def test_an_action_item_of_a_one_on_one_is_added_and_done_through_the_shared_mutations(
        stack, tokens):
    [with_ana, *_] = [m for m in stack.gql(ONE_ON_ONES, None, tokens[ANA])["oneOnOnes"]
                      if m["manager"]["email"] == CARLA]
    ana = stack.gql(ME, None, tokens[ANA])["me"]["id"]
    refused = stack.gql(ADD_ITEM, {"o": with_ana["id"], "owner": ana}, tokens[TOM])
    assert refused["addActionItem"]["__typename"] == "NotFoundError"
    added = stack.gql(ADD_ITEM, {"o": with_ana["id"], "owner": ana}, tokens[CARLA])[
        "addActionItem"]
    assert added["__typename"] == "ActionItem" and added["done"] is False
    assert added["owner"] == {"email": ANA}
    read = "query($id: ID!) { oneOnOne(id: $id) { actionItems { id text done } } }"
    items = stack.gql(read, {"id": with_ana["id"]}, tokens[ANA])["oneOnOne"]["actionItems"]
    assert {"id": added["id"], "text": "Draft the shadow board layout", "done": False} in items
    done = stack.gql(COMPLETE_ITEM, {"id": added["id"]}, tokens[ANA])["completeActionItem"]
    assert done["__typename"] == "ActionItem" and done["done"] is True and done["completedAt"]


INBOX = """{ notifications(first: 50) { edges { node { kind title body subjectType
  subjectId link } } } }"""


def test_kudos_to_a_person_reach_their_inbox_through_notifications(stack, tokens):
    ana = stack.gql(ME, None, tokens[ANA])["me"]["id"]
    message = "Your 5S walk found the leaking valve before the weekend: thank you."
    given = stack.gql(KUDOS, {"input": {"toPersonId": ana, "message": message}},
                      tokens[TOM])["giveKudos"]

    def told():
        edges = stack.gql(INBOX, None, tokens[ANA])["notifications"]["edges"]
        return [e["node"] for e in edges if e["node"]["subjectId"] == given["id"]]

    deadline = time.monotonic() + 20
    while not told() and time.monotonic() < deadline:
        time.sleep(0.3)
    [notice] = told()
    assert (notice["kind"], notice["subjectType"], notice["body"]) == (
        "KUDOS_RECEIVED", "KUDOS", message)
    assert notice["link"].endswith("/#/growth/kudos")
