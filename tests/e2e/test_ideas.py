"""The idea lifecycle through the gateway, on the running stack with the demo seed: a
newcomer submits, votes and comments; a reviewer reviews, assesses and merges; everyone
filters; and a page of ideas costs one batched call per service."""
from __future__ import annotations

import re

import httpx

EMMA = "emma.dubois@kaizen.example"  # a newcomer: an employee with no ideas of her own yet
ANA = "ana.silva@kaizen.example"
TOM = "tom.becker@kaizen.example"
BEN = "ben.okafor@kaizen.example"  # reviewer
DEV = "dev.patel@kaizen.example"  # admin

IDEA = """id title status voteCount viewerHasVoted commentCount impact effort priority
  priorityBand tags benefit area author { name } campaign { id title }
  duplicateOf { id title voteCount }"""
ERRORS = "... on UserError { __typename message } ... on ValidationError { field }"
SUBMIT = f"""mutation($input: SubmitIdeaInput!) {{ submitIdea(input: $input) {{
  __typename ... on Idea {{ {IDEA} }} {ERRORS} }} }}"""
VOTE = f"mutation($id: ID!) {{ voteIdea(id: $id) {{ __typename ... on Idea {{ {IDEA} }} }} }}"
TRANSITION = f"""mutation($id: ID!, $to: IdeaStatus!, $reason: String) {{
  transitionIdea(id: $id, to: $to, reason: $reason) {{
  __typename ... on Idea {{ {IDEA} }} {ERRORS} }} }}"""
ASSESS = f"""mutation($id: ID!, $impact: Int!, $effort: Int!) {{
  assessIdea(id: $id, impact: $impact, effort: $effort) {{
  __typename ... on Idea {{ {IDEA} }} {ERRORS} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: UpdateIdeaInput!) {{ updateIdea(id: $id, input: $input) {{
  __typename ... on Idea {{ {IDEA} }} {ERRORS} }} }}"""
MERGE = f"""mutation($id: ID!, $into: ID!) {{ mergeIdea(id: $id, intoId: $into) {{
  __typename ... on Idea {{ {IDEA} }} {ERRORS} }} }}"""
COMMENT = """mutation($id: ID!, $body: String!) { commentOnIdea(id: $id, body: $body) {
  __typename ... on Comment { id body author { name } } } }"""
DETAIL = f"""query($id: ID!) {{ idea(id: $id) {{ {IDEA}
  comments {{ body author {{ name }} }} history {{ from to reason by {{ name }} }}
  duplicates {{ title comments {{ body }} }} }} }}"""
LIST = """query($filter: IdeaFilter, $order: IdeaOrder!, $first: Int!) {
  ideas(filter: $filter, orderBy: $order, first: $first) { totalCount
  edges { node { title status priority priorityBand voteCount tags author { name }
  campaign { id } } } } }"""


def open_campaign(stack, token: str) -> dict:
    campaigns = stack.gql("{ campaigns(openOnly: true) { id title isOpen } }", token=token)
    return campaigns["campaigns"][0]


def test_a_newcomer_submits_votes_and_comments_and_a_reviewer_takes_it_from_there(stack):
    emma, ana, tom, ben = (stack.token(e) for e in (EMMA, ANA, TOM, BEN))
    campaign = open_campaign(stack, emma)
    idea = stack.gql(SUBMIT, {"input": {
        "title": "Floor markings for the pallet buffer", "problem": "Pallets block the aisle",
        "proposal": "Paint a marked buffer zone", "benefit": "A clear aisle",
        "tags": ["Safety", "5S"], "campaignId": campaign["id"], "area": "Logistics"}},
        emma)["submitIdea"]
    assert idea["__typename"] == "Idea" and idea["status"] == "SUBMITTED"
    assert idea["tags"] == ["safety", "5s"] and idea["author"] == {"name": "Emma Dubois"}
    assert idea["campaign"] == {"id": campaign["id"], "title": campaign["title"]}
    assert idea["viewerHasVoted"] is False

    for _ in range(2):  # a double click counts once
        voted = stack.gql(VOTE, {"id": idea["id"]}, emma)["voteIdea"]
    assert (voted["voteCount"], voted["viewerHasVoted"]) == (1, True)
    comment = stack.gql(COMMENT, {"id": idea["id"], "body": "Happy to help paint"},
                        ana)["commentOnIdea"]
    assert comment["author"] == {"name": "Ana Silva"}

    refused = stack.gql(UPDATE, {"id": idea["id"], "input": {"title": "Mine now"}},
                        ana)["updateIdea"]
    assert refused["__typename"] == "PermissionDeniedError"
    for query, variables in ((TRANSITION, {"id": idea["id"], "to": "IN_REVIEW"}),
                             (ASSESS, {"id": idea["id"], "impact": 5, "effort": 1})):
        result = next(iter(stack.gql(query, variables, emma).values()))
        assert result["__typename"] == "PermissionDeniedError", result

    reviewed = stack.gql(TRANSITION, {"id": idea["id"], "to": "IN_REVIEW"}, ben)
    assert reviewed["transitionIdea"]["status"] == "IN_REVIEW"
    assessed = stack.gql(ASSESS, {"id": idea["id"], "impact": 5, "effort": 1}, ben)["assessIdea"]
    assert (assessed["priority"], assessed["priorityBand"]) == (25, "QUICK_WIN")
    late = stack.gql(UPDATE, {"id": idea["id"], "input": {"title": "Edited late"}},
                     emma)["updateIdea"]
    assert late["__typename"] == "ConflictError" and "IN_REVIEW" in late["message"]
    illegal = stack.gql(TRANSITION, {"id": idea["id"], "to": "IMPLEMENTED"}, ben)
    assert illegal["transitionIdea"]["__typename"] == "ConflictError"
    no_reason = stack.gql(TRANSITION, {"id": idea["id"], "to": "DECLINED"}, ben)
    assert no_reason["transitionIdea"]["field"] == "reason"

    twin = stack.gql(SUBMIT, {"input": {"title": "Mark where pallets may wait"}},
                     tom)["submitIdea"]
    stack.gql(COMMENT, {"id": twin["id"], "body": "Near dock 4, please"}, tom)
    for voter in (emma, ana, tom):
        stack.gql(VOTE, {"id": twin["id"]}, voter)
    merged = stack.gql(MERGE, {"id": twin["id"], "into": idea["id"]}, ben)["mergeIdea"]
    assert merged["status"] == "DUPLICATE"
    assert merged["duplicateOf"] == {"id": idea["id"], "title": idea["title"],
                                     "voteCount": 3}  # Emma voted for both: counted once
    again = stack.gql(MERGE, {"id": twin["id"], "into": idea["id"]}, ben)["mergeIdea"]
    assert again["duplicateOf"]["voteCount"] == 3

    detail = stack.gql(DETAIL, {"id": idea["id"]}, emma)["idea"]
    assert detail["comments"] == [{"body": "Happy to help paint",
                                   "author": {"name": "Ana Silva"}}]
    assert [(h["from"], h["to"], h["by"]["name"]) for h in detail["history"]] == [
        (None, "SUBMITTED", "Emma Dubois"), ("SUBMITTED", "IN_REVIEW", "Ben Okafor")]
    assert detail["duplicates"] == [{"title": "Mark where pallets may wait",
                                     "comments": [{"body": "Near dock 4, please"}]}]


def test_everyone_filters_searches_and_orders_the_seeded_ideas(stack):
    token = stack.token(ANA)
    campaign = open_campaign(stack, token)

    def titles(filter: dict | None = None, order: str = "NEWEST", first: int = 100) -> list:
        page = stack.gql(LIST, {"filter": filter, "order": order, "first": first}, token)
        return [e["node"] for e in page["ideas"]["edges"]]

    found = titles({"search": "TORQUE wrench"})
    assert "Shadow board for torque wrenches" in [i["title"] for i in found]
    in_campaign = titles({"campaignId": campaign["id"]})
    assert in_campaign and {i["campaign"]["id"] for i in in_campaign} == {campaign["id"]}
    assert {i["status"] for i in titles({"status": "DECLINED"})} == {"DECLINED"}
    assert all("safety" in i["tags"] for i in titles({"tag": "Safety"}))
    mine = titles({"authorId": stack.gql("{ me { id } }", token=token)["me"]["id"]})
    assert mine and {i["author"]["name"] for i in mine} == {"Ana Silva"}
    assert titles({"search": "no idea mentions this phrase"}) == []

    order = ["QUICK_WIN", "MAJOR_PROJECT", "FILL_IN", "THANKLESS_TASK", None]
    bands = [order.index(i["priorityBand"]) for i in titles(order="PRIORITY")]
    assert bands == sorted(bands) and bands[0] == 0 and bands[-1] == order.index(None)
    top = [i["voteCount"] for i in titles(order="TOP_VOTED", first=20)]
    assert top == sorted(top, reverse=True) and top[0] >= 5
    statuses = {i["status"] for i in titles(first=100)}
    assert {"SUBMITTED", "IN_REVIEW", "ACCEPTED", "EXPERIMENTING", "IMPLEMENTED"} <= statuses
    assert "DUPLICATE" not in statuses


def test_campaigns_belong_to_admins_and_closed_ones_take_no_ideas(stack):
    ana, dev = stack.token(ANA), stack.token(DEV)
    create = """mutation($input: CreateCampaignInput!) { createCampaign(input: $input) {
      __typename ... on Campaign { id title isOpen } ... on UserError { message }
      ... on ValidationError { field } } }"""
    fields = {"title": "Energy savings", "description": "Switch off what runs idle",
              "startsOn": "2020-01-01", "endsOn": "2035-12-31"}
    denied = stack.gql(create, {"input": fields}, ana)["createCampaign"]
    assert denied["__typename"] == "PermissionDeniedError"
    backwards = stack.gql(create, {"input": {**fields, "endsOn": "2019-12-31"}},
                          dev)["createCampaign"]
    assert (backwards["__typename"], backwards["field"]) == ("ValidationError", "endsOn")
    created = stack.gql(create, {"input": fields}, dev)["createCampaign"]
    assert created["isOpen"] is True
    close = "mutation($id: ID!) { closeCampaign(id: $id) { ... on Campaign { isOpen } } }"
    assert stack.gql(close, {"id": created["id"]}, dev)["closeCampaign"] == {"isOpen": False}
    count = '{ ideas(filter: {search: "standby timers"}) { totalCount } }'
    late = stack.gql(SUBMIT, {"input": {"title": "Standby timers on compressors",
                                        "campaignId": created["id"]}}, ana)["submitIdea"]
    assert (late["__typename"], late["field"]) == ("ValidationError", "campaignId")
    assert stack.gql(count, token=ana)["ideas"]["totalCount"] == 0


def _rpc_calls(stack, method: str) -> float:
    text = httpx.get(f"{stack.url}/metrics").text
    pattern = rf'kaizen_gateway_rpc_seconds_count{{method="{method}",service="\w+"}} (\S+)'
    match = re.search(pattern, text)
    return float(match.group(1)) if match else 0.0


BATCHED = ("list_ideas", "get_people", "get_votes_of", "get_campaigns", "get_comments_of",
           "get_history_of")


def test_a_page_of_50_ideas_with_authors_makes_one_batched_call_per_service(stack):
    token = stack.token(TOM)
    before = {m: _rpc_calls(stack, m) for m in BATCHED}
    data = stack.gql("""{ ideas(first: 50, orderBy: TOP_VOTED) { edges { node {
      title author { name } viewerHasVoted voteCount campaign { title }
      comments { body } history { to } } } } }""", token=token)
    assert len(data["ideas"]["edges"]) == 50
    after = {m: _rpc_calls(stack, m) for m in BATCHED}
    assert {m: after[m] - before[m] for m in BATCHED} == {m: 1 for m in BATCHED}
    nodes = [e["node"] for e in data["ideas"]["edges"]]
    assert all(n["author"] for n in nodes) and any(n["viewerHasVoted"] for n in nodes)
