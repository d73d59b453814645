"""Reflections through the gateway, on the running stack with the demo seed: a newcomer's
journal, the demo data, and who sees and changes what (every visibility, every role)."""
from __future__ import annotations

import json
import uuid

import pytest

DOMAIN = "kaizen.example"
EMMA, RAVI = f"emma.dubois@{DOMAIN}", f"ravi.kumar@{DOMAIN}"  # newcomer and her teammate
ROLES = {  # Tom writes; Mei is in his team, Carla is his manager, Dev the admin
    "author": f"tom.becker@{DOMAIN}", "teammate": f"mei.chen@{DOMAIN}",
    "other team": f"priya.nair@{DOMAIN}", "manager": f"carla.meyer@{DOMAIN}",
    "admin": f"dev.patel@{DOMAIN}",
}
READERS = {"PRIVATE": {"author"}, "TEAM": {"author", "teammate", "manager"},
           "ORGANIZATION": set(ROLES)}

FIELDS = "id body visibility tags mood promptId team author { name } idea { id title }"
WRITE = f"""mutation($input: WriteReflectionInput!) {{ writeReflection(input: $input) {{
  __typename ... on Reflection {{ {FIELDS} }} ... on UserError {{ message }}
  ... on ValidationError {{ field }} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: UpdateReflectionInput!) {{
  updateReflection(id: $id, input: $input) {{
  __typename ... on Reflection {{ {FIELDS} }} ... on UserError {{ message }} }} }}"""
READ = """query($id: ID!, $missing: ID!, $search: String!) {
  reflection(id: $id) { __typename ... on Reflection { body mood } ... on UserError { message } }
  missing: reflection(id: $missing) { __typename ... on UserError { message } }
  teamReflections(filter: {search: $search}) { totalCount edges { node { id } } }
  myReflections(filter: {search: $search}) { totalCount edges { node { id } } }
}"""
CHANGE = """mutation($id: ID!) {
  update: updateReflection(id: $id, input: {body: "Hijacked"}) {
    __typename ... on UserError { message } }
  private: updateReflection(id: $id, input: {visibility: PRIVATE}) {
    __typename ... on UserError { message } }
  idea: turnReflectionIntoIdea(id: $id, title: "Not my idea") {
    __typename ... on UserError { message } }
  delete: deleteReflection(id: $id) { __typename ... on UserError { message } }
}"""


def test_a_newcomer_journals_shares_keeps_a_streak_turns_an_idea_and_exports(stack):
    emma, ravi = stack.token(EMMA), stack.token(RAVI)
    prompts = stack.gql("{ reflectionPrompts { id title template builtIn } }",
                        token=emma)["reflectionPrompts"]
    retro = next(p for p in prompts if p["id"] == "builtin-retrospective")
    body = retro["template"].replace("What went well?\n", "What went well?\nMy first deploy.")
    diary = stack.gql(WRITE, {"input": {"body": body, "promptId": retro["id"], "mood": 4}},
                      emma)["writeReflection"]
    assert diary["__typename"] == "Reflection" and diary["visibility"] == "PRIVATE"
    assert diary["promptId"] == retro["id"] and "My first deploy." in diary["body"]

    note = stack.gql(WRITE, {"input": {"body": "Pairing with Ravi on the scrap report "
                                       "taught me the MES schema.", "tags": ["Onboarding"]}},
                     emma)["writeReflection"]
    shared = stack.gql(UPDATE, {"id": note["id"], "input": {"visibility": "TEAM"}},
                       emma)["updateReflection"]
    assert shared["visibility"] == "TEAM" and shared["team"] == "Platform Engineering"
    feed = stack.gql("{ teamReflections { edges { node { id author { name } mood } } } }",
                     token=ravi)["teamReflections"]["edges"]
    ids = [edge["node"]["id"] for edge in feed]
    assert note["id"] in ids and diary["id"] not in ids
    assert next(e["node"] for e in feed if e["node"]["id"] == note["id"]) == {
        "id": note["id"], "author": {"name": "Emma Dubois"}, "mood": None}

    streak = "{ me { reflectionStreak { weeks thisWeek } } }"
    assert stack.gql(streak, token=emma)["me"]["reflectionStreak"] == {"weeks": 1, "thisWeek": 2}

    turned = stack.gql("""mutation($id: ID!) { turnReflectionIntoIdea(id: $id,
        title: "Document the MES schema for newcomers") { __typename
        ... on ReflectionTurnedIntoIdea { idea { id title tags author { name } }
                                         reflection { idea { id } } } } }""",
                       {"id": note["id"]}, emma)["turnReflectionIntoIdea"]
    idea = turned["idea"]
    assert idea["title"] == "Document the MES schema for newcomers"
    assert idea["tags"] == ["onboarding"] and idea["author"] == {"name": "Emma Dubois"}
    assert turned["reflection"]["idea"] == {"id": idea["id"]}
    by_ravi = stack.gql("query($id: ID!) { idea(id: $id) { title author { reflectionStreak "
                        "{ weeks } } } }", {"id": idea["id"]}, ravi)["idea"]
    assert by_ravi == {"title": idea["title"], "author": {"reflectionStreak": None}}

    export = "query($f: ReflectionExportFormat!) { exportMyReflections(format: $f) }"
    markdown = stack.gql(export, {"f": "MARKDOWN"}, emma)["exportMyReflections"]
    assert "My first deploy." in markdown and "MES schema" in markdown
    exported = json.loads(stack.gql(export, {"f": "JSON"}, emma)["exportMyReflections"])
    assert [r["id"] for r in exported["reflections"]] == [diary["id"], note["id"]]
    assert "My first deploy." not in stack.gql(export, {"f": "MARKDOWN"},
                                               ravi)["exportMyReflections"]


def test_the_demo_journal_is_seeded_with_streaks_and_private_entries_stay_private(stack):
    ana = stack.token(f"ana.silva@{DOMAIN}")
    me = stack.gql("{ me { reflectionStreak { weeks } } myReflections { totalCount } }",
                   token=ana)
    assert me["me"]["reflectionStreak"]["weeks"] >= 4 and me["myReflections"]["totalCount"] >= 4
    query = "{ teamReflections(first: 100) { edges { node { body visibility team } } } }"
    priya = stack.token(ROLES["other team"])
    feed = [e["node"] for e in stack.gql(query, token=priya)["teamReflections"]["edges"]]
    assert {n["visibility"] for n in feed} <= {"TEAM", "ORGANIZATION"}
    assert all(n["team"] == "Logistics" for n in feed if n["visibility"] == "TEAM")
    assert any("Pick errors on the trial aisle" in n["body"] for n in feed)
    assert not any("say no more often" in n["body"] for n in feed)  # Priya's own private one
    carla = stack.token(ROLES["manager"])
    texts = json.dumps(stack.gql(query, token=carla))
    assert "shadow board idea at the team huddle" not in texts  # Ana's private entry


def test_a_validation_error_names_the_field_and_stores_nothing(stack):
    emma = stack.token(EMMA)
    count = "{ myReflections { totalCount } }"
    before = stack.gql(count, token=emma)["myReflections"]["totalCount"]
    result = stack.gql(WRITE, {"input": {"body": "ok", "mood": 9, "promptId": "nope"}},
                       emma)["writeReflection"]
    assert result["__typename"] == "ValidationError" and result["field"] in {"mood", "promptId"}
    assert "mood" in result["message"] and "promptId" in result["message"]
    assert stack.gql(count, token=emma)["myReflections"]["totalCount"] == before


@pytest.mark.parametrize("visibility", list(READERS))
def test_every_role_gets_the_right_answer_on_every_path(stack, visibility):
    tokens = {role: stack.token(email) for role, email in ROLES.items()}
    marker = f"Gateway-matrix-{uuid.uuid4().hex[:8]}"
    written = stack.gql(WRITE, {"input": {"body": f"{marker} notes", "mood": 2,
                                          "visibility": visibility}},
                        tokens["author"])["writeReflection"]
    for role, token in tokens.items():
        may_read, is_author = role in READERS[visibility], role == "author"
        data = stack.gql(READ, {"id": written["id"], "missing": str(uuid.uuid4()),
                                "search": marker}, token)
        if may_read:
            assert data["reflection"] == {"__typename": "Reflection", "body": f"{marker} notes",
                                          "mood": 2 if is_author else None}, role
        else:
            assert data["reflection"] == data["missing"], role  # same as an unknown id
        in_feed = may_read and visibility != "PRIVATE"
        assert data["teamReflections"]["totalCount"] == int(in_feed), role
        assert [e["node"]["id"] for e in data["teamReflections"]["edges"]] == \
            ([written["id"]] if in_feed else []), role
        assert data["myReflections"]["totalCount"] == int(is_author), role
        if is_author:
            continue
        refused = "PermissionDeniedError" if may_read else "NotFoundError"
        changes = stack.gql(CHANGE, {"id": written["id"]}, token)
        assert {k: v["__typename"] for k, v in changes.items()} == dict.fromkeys(changes,
                                                                                 refused), role
        assert marker not in json.dumps(changes), role
    kept = stack.gql(READ, {"id": written["id"], "missing": str(uuid.uuid4()),
                            "search": marker}, tokens["author"])["reflection"]
    assert kept["body"] == f"{marker} notes"
    gone = stack.gql("mutation($id: ID!) { deleteReflection(id: $id) { __typename } }",
                     {"id": written["id"]}, tokens["author"])["deleteReflection"]
    assert gone == {"__typename": "DeletedReflection"}
    after = stack.gql(READ, {"id": written["id"], "missing": str(uuid.uuid4()),
                             "search": marker}, tokens["author"])
    assert after["reflection"]["__typename"] == "NotFoundError"
    assert after["myReflections"]["totalCount"] == 0


def test_an_idea_made_from_a_private_reflection_does_not_open_the_reflection(stack):
    tom, mei = stack.token(ROLES["author"]), stack.token(ROLES["teammate"])
    diary = stack.gql(WRITE, {"input": {"body": "Private-link-check: the conveyor guard "
                                        "pinches my fingers"}}, tom)["writeReflection"]
    turned = stack.gql("""mutation($id: ID!) { turnReflectionIntoIdea(id: $id,
        title: "Pad the conveyor guard") { ... on ReflectionTurnedIntoIdea { idea { id } } } }""",
                       {"id": diary["id"]}, tom)["turnReflectionIntoIdea"]
    assert stack.gql("query($id: ID!) { idea(id: $id) { title } }",
                     {"id": turned["idea"]["id"]}, mei)["idea"] == {
                         "title": "Pad the conveyor guard"}
    seen = stack.gql("query($id: ID!) { reflection(id: $id) { __typename } }",
                     {"id": diary["id"]}, mei)["reflection"]
    assert seen == {"__typename": "NotFoundError"}
    assert stack.gql(UPDATE, {"id": diary["id"], "input": {"body": "x"}},
                     mei)["updateReflection"]["__typename"] == "NotFoundError"


def test_only_admins_manage_organisation_prompts(stack):
    create = """mutation($input: CreateReflectionPromptInput!) {
      createReflectionPrompt(input: $input) { __typename ... on ReflectionPrompt { id builtIn }
      ... on ValidationError { field } } }"""
    prompt = {"title": "Safety moment", "questions": ["What near miss did I notice?"]}
    refused = stack.gql(create, {"input": prompt}, stack.token(EMMA))["createReflectionPrompt"]
    assert refused["__typename"] == "PermissionDeniedError"
    admin = stack.token(ROLES["admin"])
    bad = stack.gql(create, {"input": {**prompt, "questions": []}}, admin)
    assert bad["createReflectionPrompt"] == {"__typename": "ValidationError",
                                             "field": "questions"}
    made = stack.gql(create, {"input": prompt}, admin)["createReflectionPrompt"]
    assert made["__typename"] == "ReflectionPrompt" and made["builtIn"] is False
    listed = stack.gql("{ reflectionPrompts { id } }", token=stack.token(EMMA))
    assert made["id"] in [p["id"] for p in listed["reflectionPrompts"]]
    archived = stack.gql("mutation($id: ID!) { archiveReflectionPrompt(id: $id) { __typename } }",
                         {"id": made["id"]}, admin)["archiveReflectionPrompt"]
    assert archived == {"__typename": "ReflectionPrompt"}
    listed = stack.gql("{ reflectionPrompts { id } }", token=stack.token(EMMA))
    assert made["id"] not in [p["id"] for p in listed["reflectionPrompts"]]
