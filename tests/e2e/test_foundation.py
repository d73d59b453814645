"""Through the gateway, on the running stack: sign-in, the first idea slice, auth refusals,
limits and batching."""
from __future__ import annotations

import re
import time

import httpx
import jwt

from shared.settings import AuthSettings

ANA = "ana.silva@kaizen.example"
SUBMIT = """mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
  __typename ... on Idea { id title tags status author { name } }
  ... on UserError { message } ... on ValidationError { field } } }"""
COUNT = "{ ideas(first: 1) { totalCount } }"


def test_health_is_ok_when_broker_and_services_answer(stack):
    response = httpx.get(f"{stack.url}/healthz", timeout=30)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_dev_sign_in_gives_a_token_for_a_seeded_person_only(stack):
    me = stack.gql("{ me { name email team roles } }", token=stack.token(ANA))["me"]
    assert me == {"name": "Ana Silva", "email": ANA, "team": "Assembly", "roles": ["employee"]}
    unknown = httpx.post(f"{stack.url}/auth/dev-token", json={"email": "x@nowhere.example"})
    assert unknown.status_code == 404


def test_submit_then_read_the_idea_back_with_its_author(stack):
    token = stack.token(ANA)
    variables = {"input": {"title": "Label every drawer", "problem": "Parts are hard to find",
                           "tags": ["5S", "Labels"]}}
    idea = stack.gql(SUBMIT, variables, token)["submitIdea"]
    assert idea["__typename"] == "Idea"
    assert idea["tags"] == ["5s", "labels"] and idea["author"] == {"name": "Ana Silva"}
    again = stack.gql("query($id: ID!) { idea(id: $id) { title status } }",
                      {"id": idea["id"]}, token)["idea"]
    assert again == {"title": "Label every drawer", "status": "SUBMITTED"}


def test_a_two_character_title_is_a_validation_error_naming_title_and_stores_nothing(stack):
    token = stack.token(ANA)
    before = stack.gql(COUNT, token=token)["ideas"]["totalCount"]
    result = stack.gql(SUBMIT, {"input": {"title": "ab"}}, token)["submitIdea"]
    assert result["__typename"] == "ValidationError" and result["field"] == "title"
    assert "3 to 140" in result["message"]
    assert stack.gql(COUNT, token=token)["ideas"]["totalCount"] == before


def test_a_mutation_without_a_token_is_refused_with_a_clear_message(stack):
    body = stack.graphql(SUBMIT, {"input": {"title": "Anonymous idea"}}).json()
    result = body["data"]["submitIdea"]
    assert result["__typename"] == "PermissionDeniedError"
    assert "sign in" in result["message"]


def test_a_query_without_a_token_is_refused(stack):
    body = stack.graphql("{ me { id } }").json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _claims(**overrides) -> dict:
    settings = AuthSettings.from_env()
    now = int(time.time())
    claims = {"sub": "someone", "roles": ["admin"], "iss": settings.jwt_issuer,
              "aud": settings.jwt_audience, "iat": now, "exp": now + 600}
    return {**claims, **overrides}


def test_forged_expired_and_unsigned_tokens_are_refused(stack):
    settings = AuthSettings.from_env()
    other_secret = jwt.encode(_claims(), "another-secret-of-enough-length-0123456789", "HS256")
    expired = jwt.encode(_claims(exp=int(time.time()) - 60), settings.jwt_secret, "HS256")
    unsigned = jwt.encode(_claims(), None, algorithm="none")
    for token in (other_secret, expired, unsigned):
        response = stack.graphql(SUBMIT, {"input": {"title": "Forged idea"}}, token)
        assert response.status_code == 401, token
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "expired" in stack.graphql(COUNT, token=expired).json()["errors"][0]["message"]


def test_alias_and_depth_limits_refuse_abusive_queries(stack):
    token = stack.token(ANA)
    aliases = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(30)) + " }"
    body = stack.graphql(aliases, token=token).json()
    assert "aliases" in body["errors"][0]["message"]
    deep = "{ ideas { edges { node { author { name } } } } }"
    assert "errors" not in stack.graphql(deep, token=token).json()


def _rpc_calls(stack, method: str) -> float:
    text = httpx.get(f"{stack.url}/metrics").text
    pattern = rf'kaizen_gateway_rpc_seconds_count{{method="{method}",service="\w+"}} (\S+)'
    match = re.search(pattern, text)
    return float(match.group(1)) if match else 0.0


def test_listing_ideas_with_authors_batches_one_call_per_service(stack):
    token = stack.token(ANA)
    for i in range(3):
        stack.gql(SUBMIT, {"input": {"title": f"Batching check {i}"}}, token)
    before = {m: _rpc_calls(stack, m) for m in ("list_ideas", "get_people")}
    data = stack.gql("{ ideas(first: 50) { edges { node { author { name } } } } }", token=token)
    assert len(data["ideas"]["edges"]) >= 11
    after = {m: _rpc_calls(stack, m) for m in ("list_ideas", "get_people")}
    assert after["list_ideas"] - before["list_ideas"] == 1
    assert after["get_people"] - before["get_people"] == 1


def test_metrics_are_exposed(stack):
    text = httpx.get(f"{stack.url}/metrics").text
    assert "kaizen_gateway_requests_total" in text
