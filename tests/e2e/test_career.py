"""The career marketplace through the gateway, on the seeded stack: a newcomer fills a
profile with autocompleted skills, browses and filters opportunities, sees the skill gap
for one, expresses interest, and the owner accepts; others see only what they may."""
from __future__ import annotations

from collections import Counter

ZOE = "zoe.clarke@kaizen.example"  # seeded without a profile
MATEO = "mateo.garcia@kaizen.example"  # owns "Automate the weekly scrap report"
PRIYA = "priya.nair@kaizen.example"  # applied to it in the seed
PROJECT = "Automate the weekly scrap report"

SKILLS = "query($q: String!) { skills(search: $q, first: 5) { id name custom } }"
PROFILE = """mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) {
  __typename ... on Person { headline skills { skill { name custom } level }
                             mentoringSkills { name } }
  ... on UserError { message } ... on ValidationError { field } } }"""
BROWSE = """query($filter: OpportunityFilter) { opportunities(filter: $filter, first: 50) {
  totalCount edges { node { id title kind status owner { name } skills { skill { name } } } } } }"""
GAP = """query($id: ID!) { skillGap(opportunityId: $id) { coverage
  matched { skill { name } required have } underLevel { skill { name } required have }
  missing { skill { name } required } } }"""
INTEREST = """mutation($id: ID!) { expressInterest(opportunityId: $id, note: "Count me in") {
  __typename ... on Application { id status } ... on UserError { message } } }"""
APPLICANTS = """query($id: ID!) { opportunity(id: $id) { spotsLeft voices { text }
  applications { id note applicant { email } } } }"""
DECIDE = """mutation($id: ID!) { decideApplication(id: $id, decision: ACCEPT, message: "Welcome") {
  __typename ... on Application { status } ... on UserError { message } } }"""
MINE = "{ myApplications { status message opportunity { title } } }"


def test_a_newcomer_profiles_browses_applies_and_the_owner_accepts(stack):
    zoe = stack.token(ZOE)
    python = stack.gql(SKILLS, {"q": "pyth"}, zoe)["skills"][0]
    assert python["name"].startswith("Python") and not python["custom"]
    assert stack.gql(SKILLS, {"q": "lean manu"}, zoe)["skills"][0]["name"].startswith(
        "lean manufacturing")

    profile = stack.gql(PROFILE, {"input": {
        "headline": "Support agent learning to automate",
        "skills": [{"name": python["name"], "level": 2}, {"name": "SQL", "level": 3},
                   {"name": "Zendesk macros", "level": 4}],
        "mentoringSkills": ["customer service"]}}, zoe)["updateMyProfile"]
    assert profile["__typename"] == "Person"
    assert [s["skill"]["custom"] for s in profile["skills"]] == [False, False, True]
    assert profile["mentoringSkills"] == [{"name": "customer service"}]

    gigs = stack.gql(BROWSE, {"filter": {"kind": "GIG", "status": "OPEN"}}, zoe)
    assert gigs["opportunities"]["totalCount"] >= 5
    assert {e["node"]["kind"] for e in gigs["opportunities"]["edges"]} == {"GIG"}
    python_work = stack.gql(BROWSE, {"filter": {"skill": "python", "search": "scrap"}}, zoe)
    [project] = [e["node"] for e in python_work["opportunities"]["edges"]]
    assert project["title"] == PROJECT and project["owner"] == {"name": "Mateo Garcia"}

    gap = stack.gql(GAP, {"id": project["id"]}, zoe)["skillGap"]
    assert [(g["required"], g["have"]) for g in gap["underLevel"]] == [(3, 2)]  # Python
    assert gap["underLevel"][0]["skill"]["name"].startswith("Python")
    assert len(gap["matched"]) == 1 and [m["required"] for m in gap["missing"]] == [2]
    assert 0 < gap["coverage"] < 1

    applied = stack.gql(INTEREST, {"id": project["id"]}, zoe)["expressInterest"]
    assert applied["status"] == "PENDING"
    again = stack.gql(INTEREST, {"id": project["id"]}, zoe)["expressInterest"]
    assert again["__typename"] == "ConflictError"

    seen_by_zoe = stack.gql(APPLICANTS, {"id": project["id"]}, zoe)["opportunity"]
    assert [a["applicant"]["email"] for a in seen_by_zoe["applications"]] == [ZOE]
    owner = stack.token(MATEO)
    seen_by_owner = stack.gql(APPLICANTS, {"id": project["id"]}, owner)["opportunity"]
    assert {a["applicant"]["email"] for a in seen_by_owner["applications"]} == {PRIYA, ZOE}

    refused = stack.gql(DECIDE, {"id": applied["id"]}, zoe)["decideApplication"]
    assert refused["__typename"] == "PermissionDeniedError"
    accepted = stack.gql(DECIDE, {"id": applied["id"]}, owner)["decideApplication"]
    assert accepted == {"__typename": "Application", "status": "ACCEPTED"}
    mine = stack.gql(MINE, token=zoe)["myApplications"]
    assert {"status": "ACCEPTED", "message": "Welcome", "opportunity": {"title": PROJECT}} in mine
    assert stack.gql(APPLICANTS, {"id": project["id"]}, owner)["opportunity"]["spotsLeft"] == 1


def test_directory_mentors_and_role_voices(stack):
    zoe = stack.token(ZOE)
    ops = stack.gql("""{ employees(filter: {team: "Logistics"}, first: 50) { totalCount
        edges { node { name manager { name } } } } }""", token=zoe)["employees"]
    assert ops["totalCount"] == 8
    assert {e["node"]["manager"]["name"] for e in ops["edges"]} <= {"Luis Ortega", "Dev Patel"}
    mentors = stack.gql("""{ mentors(skills: ["root cause analysis", "six sigma methods"]) {
        person { name } coverage } }""", token=zoe)["mentors"]
    assert mentors[0] == {"person": {"name": "Ben Okafor"}, "coverage": 1.0}
    roles = stack.gql(BROWSE, {"filter": {"kind": "ROLE", "search": "quality engineer"}},
                      zoe)["opportunities"]["edges"]
    voices = stack.gql(APPLICANTS, {"id": roles[0]["node"]["id"]}, zoe)["opportunity"]["voices"]
    assert len(voices) == 2
    self_edit = stack.gql(PROFILE, {"input": {"skills": [{"name": "x", "level": 9}]}}, zoe)
    assert self_edit["updateMyProfile"]["field"] == "skills[0].level"


def test_the_seeded_marketplace_has_people_teams_opportunities_and_mentors(stack):
    lena = stack.token("lena.vogel@kaizen.example")
    people = stack.gql("""{ employees(first: 100) { totalCount
        edges { node { id name team manager { name } } } } }""", token=lena)["employees"]
    teams = Counter(e["node"]["team"] for e in people["edges"])
    assert people["totalCount"] >= 40 and sum(n >= 5 for n in teams.values()) >= 5
    priya = next(e["node"] for e in people["edges"] if e["node"]["name"] == "Priya Nair")
    one = stack.gql("query($id: ID!) { employee(id: $id) { name team manager { name } } }",
                    {"id": priya["id"]}, lena)["employee"]
    assert one == {"name": "Priya Nair", "team": "Logistics", "manager": {"name": "Luis Ortega"}}
    open_now = stack.gql(BROWSE, {"filter": {"status": "OPEN"}}, lena)["opportunities"]
    assert open_now["totalCount"] >= 20
    assert {e["node"]["kind"] for e in open_now["edges"]} == {"ROLE", "PROJECT", "GIG",
                                                               "MENTORSHIP"}
    coaches = '{ mentors(skills: ["coach employees"]) { person { name } } }'
    names = {m["person"]["name"] for m in stack.gql(coaches, token=lena)["mentors"]}
    assert {"Carla Meyer", "Kwame Mensah"} <= names
    carla = stack.token("carla.meyer@kaizen.example")  # a coach herself: never her own mentor
    names = {m["person"]["name"] for m in stack.gql(coaches, token=carla)["mentors"]}
    assert "Kwame Mensah" in names and "Carla Meyer" not in names


def test_a_mentee_asks_the_mentor_answers_and_only_managers_see_anothers_gap(stack):
    lena, kwame = stack.token("lena.vogel@kaizen.example"), stack.token(
        "kwame.mensah@kaizen.example")
    kwame_id = stack.gql("{ me { id } }", token=kwame)["me"]["id"]
    ask = """mutation($id: ID!) { requestMentoring(mentorId: $id, skills: ["customer service"],
      message: "Escalations?") { __typename ... on MentoringRequest { id status } } }"""
    asked = stack.gql(ask, {"id": kwame_id}, lena)["requestMentoring"]
    assert asked["status"] == "PENDING"
    answer = """mutation($id: ID!) { respondToMentoringRequest(id: $id, decision: ACCEPT,
      message: "Fridays") { __typename ... on MentoringRequest { status response } } }"""
    assert stack.gql(answer, {"id": asked["id"]}, lena)["respondToMentoringRequest"] == {
        "__typename": "PermissionDeniedError"}
    assert stack.gql(answer, {"id": asked["id"]}, kwame)["respondToMentoringRequest"] == {
        "__typename": "MentoringRequest", "status": "ACCEPTED", "response": "Fridays"}
    mine = stack.gql("{ myMentoringRequests { status mentor { name } } }", token=lena)
    assert {"status": "ACCEPTED", "mentor": {"name": "Kwame Mensah"}} in mine[
        "myMentoringRequests"]

    project = stack.gql(BROWSE, {"filter": {"search": PROJECT}}, lena)["opportunities"]
    gap = """query($o: ID!, $e: ID!) { skillGap(opportunityId: $o, employeeId: $e) {
      coverage employee { name } } }"""
    ids = {"o": project["edges"][0]["node"]["id"],
           "e": stack.gql("{ me { id } }", token=lena)["me"]["id"]}
    assert stack.gql(gap, ids, kwame)["skillGap"]["employee"] == {"name": "Lena Vogel"}
    refused = stack.graphql(gap, {**ids, "e": kwame_id}, lena).json()
    assert refused["data"]["skillGap"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_an_owner_posts_fills_shrinks_and_closes_an_opportunity(stack):
    def person(local):
        return stack.token(f"{local}@kaizen.example")

    luis = person("luis.ortega")
    post = """mutation($input: PostOpportunityInput!) { postOpportunity(input: $input) {
      __typename ... on Opportunity { id status capacity skills { skill { name } level } } } }"""
    posted = stack.gql(post, {"input": {
        "kind": "GIG", "title": "Inventory count helpers", "team": "Logistics", "capacity": 2,
        "skills": [{"name": "operate forklift", "level": 2}]}}, luis)["postOpportunity"]
    assert posted["status"] == "OPEN" and posted["skills"] == [
        {"skill": {"name": "operate forklift"}, "level": 2}]
    update = """mutation($id: ID!, $capacity: Int!) { updateOpportunity(id: $id,
      input: {capacity: $capacity}) { __typename ... on Opportunity { capacity spotsLeft }
      ... on ValidationError { field } } }"""
    applied = {who: stack.gql(INTEREST, {"id": posted["id"]}, person(who))["expressInterest"]
               for who in ("daniel.okoro", "sofia.rossi", "lucas.martin")}
    assert stack.gql(update, {"id": posted["id"], "capacity": 5}, person("daniel.okoro"))[
        "updateOpportunity"] == {"__typename": "PermissionDeniedError"}
    outcomes = [stack.gql(DECIDE, {"id": applied[who]["id"]}, luis)["decideApplication"]
                ["__typename"] for who in ("daniel.okoro", "sofia.rossi", "lucas.martin")]
    assert outcomes == ["Application", "Application", "ConflictError"]  # 2 places
    assert stack.gql(update, {"id": posted["id"], "capacity": 1}, luis)[
        "updateOpportunity"] == {"__typename": "ValidationError", "field": "capacity"}
    withdraw = """mutation($id: ID!) { withdrawInterest(opportunityId: $id) {
      ... on Application { status } } }"""
    assert stack.gql(withdraw, {"id": posted["id"]}, person("sofia.rossi"))[
        "withdrawInterest"] == {"status": "WITHDRAWN"}
    assert stack.gql(update, {"id": posted["id"], "capacity": 1}, luis)[
        "updateOpportunity"] == {"__typename": "Opportunity", "capacity": 1, "spotsLeft": 0}
    close = "mutation($id: ID!) { closeOpportunity(id: $id) { ... on Opportunity { status } } }"
    assert stack.gql(close, {"id": posted["id"]}, luis)["closeOpportunity"] == {
        "status": "CLOSED"}
    late = stack.gql(INTEREST, {"id": posted["id"]}, person("yuki.tanaka"))["expressInterest"]
    assert late["__typename"] == "ConflictError"


def test_a_posted_skill_keeps_its_exact_name_and_an_unknown_one_stays_custom(stack):
    luis = stack.token("luis.ortega@kaizen.example")
    post = """mutation($input: PostOpportunityInput!) { postOpportunity(input: $input) {
      __typename ... on Opportunity { skills { skill { name custom } } } } }"""
    posted = stack.gql(post, {"input": {
        "kind": "GIG", "title": "Scrap report queries", "team": "Logistics",
        "skills": [{"name": "SQL", "level": 3}, {"name": "SQL databases", "level": 2}]}},
        luis)["postOpportunity"]
    assert posted["skills"] == [{"skill": {"name": "SQL", "custom": False}},
                                {"skill": {"name": "SQL databases", "custom": True}}]
    assert stack.gql(SKILLS, {"q": "SQL"}, luis)["skills"][0]["name"] == "SQL"
    matches = """query($names: [String!]!) { skillMatches(names: $names) {
      name skill { name } closeMatches { name custom } } }"""
    sql, typed = stack.gql(matches, {"names": ["sql", "SQL databases"]}, luis)["skillMatches"]
    assert sql == {"name": "sql", "skill": {"name": "SQL"}, "closeMatches": []}
    assert typed["skill"] is None and len(typed["closeMatches"]) == 5
    assert {"name": "SQL", "custom": False} in typed["closeMatches"]
