"""What a probe of the running stack as an attacker found open, closed: through the gateway
with the demo seed."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

EMMA = "emma.dubois@kaizen.example"  # an employee
ANA = "ana.silva@kaizen.example"  # an employee
BEN = "ben.okafor@kaizen.example"  # reviewer
DEV = "dev.patel@kaizen.example"  # admin

ERRORS = "... on UserError { message } ... on ValidationError { field }"
SUBMIT = f"""mutation($input: SubmitIdeaInput!) {{ submitIdea(input: $input) {{
  __typename ... on Idea {{ id status }} {ERRORS} }} }}"""
PLAN = f"""mutation($input: PlanExperimentInput!) {{ planExperiment(input: $input) {{
  __typename ... on Experiment {{ id }} {ERRORS} }} }}"""
TRANSITION = f"""mutation($id: ID!, $to: IdeaStatus!) {{ transitionIdea(id: $id, to: $to) {{
  __typename ... on Idea {{ status }} {ERRORS} }} }}"""
SETTINGS = f"""mutation($allow: Boolean!) {{ changeReviewSettings(allowSelfReview: $allow) {{
  __typename ... on ReviewSettings {{ allowSelfReview }} {ERRORS} }} }}"""
RECORD = f"""mutation($id: ID!, $value: Float!) {{ recordMeasurement(experimentId: $id,
  value: $value, at: "{date.today().isoformat()}T08:00:00Z") {{ __typename {ERRORS} }} }}"""


def plan_input(**more) -> dict:
    return {"title": "Trolley for the tool carts", "hypothesis": "Fewer trips to the store",
            "metric": {"name": "Trips", "unit": "per shift", "direction": "DECREASE",
                       "baseline": 10, "target": 5},
            "startsOn": date.today().isoformat(),
            "endsOn": (date.today() + timedelta(days=14)).isoformat(), **more}


def test_an_employee_cannot_walk_someone_elses_idea_through_an_experiment(stack):
    emma, ana = stack.token(EMMA), stack.token(ANA)
    idea = stack.gql(SUBMIT, {"input": {"title": "Label the forklift chargers"}},
                     ana)["submitIdea"]
    refused = stack.gql(PLAN, {"input": plan_input(ideaId=idea["id"])}, emma)["planExperiment"]
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "ideaId")
    assert "SUBMITTED" in refused["message"]
    status = stack.gql("query($id: ID!) { idea(id: $id) { status } }", {"id": idea["id"]},
                       emma)["idea"]["status"]
    assert status == "SUBMITTED"


def test_a_reviewer_does_not_accept_their_own_idea_unless_an_admin_allows_it(stack):
    ben, dev, emma = stack.token(BEN), stack.token(DEV), stack.token(EMMA)
    idea = stack.gql(SUBMIT, {"input": {"title": "A second key for the paint store"}},
                     ben)["submitIdea"]
    assert stack.gql(TRANSITION, {"id": idea["id"], "to": "IN_REVIEW"},
                     ben)["transitionIdea"]["status"] == "IN_REVIEW"
    refused = stack.gql(TRANSITION, {"id": idea["id"], "to": "ACCEPTED"}, ben)["transitionIdea"]
    assert refused["__typename"] == "PermissionDeniedError"
    assert stack.gql(SETTINGS, {"allow": True}, emma)["changeReviewSettings"]["__typename"] == \
        "PermissionDeniedError"
    try:
        assert stack.gql(SETTINGS, {"allow": True}, dev)["changeReviewSettings"] == \
            {"__typename": "ReviewSettings", "allowSelfReview": True}
        assert stack.gql(TRANSITION, {"id": idea["id"], "to": "ACCEPTED"},
                         ben)["transitionIdea"]["status"] == "ACCEPTED"
    finally:
        stack.gql(SETTINGS, {"allow": False}, dev)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e309"])
def test_a_non_finite_measurement_is_a_validation_error_naming_value(stack, number):
    emma = stack.token(EMMA)
    experiment = stack.gql(PLAN, {"input": plan_input()}, emma)["planExperiment"]
    variables = json.dumps({"id": experiment["id"], "value": 0}).replace("0}", number + "}")
    body = f'{{"query": {json.dumps(RECORD)}, "variables": {variables}}}'
    response = stack.raw_graphql(body, emma)
    assert response.status_code == 200
    answer = response.json()["data"]["recordMeasurement"]
    assert (answer["__typename"], answer["field"]) == ("ValidationError", "value")


CYCLE = ("{ themes(first: 100) { ideas(first: 100) { theme { ideas(first: 100) { theme { "
         "ideas(first: 100) { id title } } } } } } }")


def test_the_theme_idea_cycle_is_refused_before_it_runs_naming_its_cost(stack):
    response = stack.graphql(CYCLE, token=stack.token(EMMA))
    body = response.json()
    assert response.status_code == 200 and body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > error["extensions"]["limit"] == 20_000
    assert error["message"].startswith(f"query cost {error['extensions']['cost']} is over "
                                       "the limit of 20000")
