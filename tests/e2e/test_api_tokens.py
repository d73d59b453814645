"""Integrators' API tokens through the gateway: created in a person's own session with the
secret shown once, listed without it, scoped (a read-only token cannot mutate; a token
without WRITE_REFLECTIONS reads no reflections, and with it only its owner's own), revocable
at once, and unable to create or revoke tokens themselves."""
from __future__ import annotations

import pytest

ANA = "ana.silva@kaizen.example"
CARLA = "carla.meyer@kaizen.example"  # Ana's team's manager
CREATE = """mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  __typename ... on CreatedApiToken { secret token { id name scopes expiresOn revokedAt } }
  ... on ValidationError { fields { field message } } ... on UserError { message } } }"""
MINE = "{ myApiTokens { id name scopes lastUsedAt revokedAt } }"
REVOKE = """mutation($id: ID!) { revokeApiToken(id: $id) {
  __typename ... on ApiToken { revokedAt } ... on UserError { message } } }"""
SUBMIT = """mutation { submitIdea(input: {title: "Label the spare bins",
  problem: "Parts are hard to find", proposal: "Colour labels"}) {
  __typename ... on Idea { id } ... on UserError { message } } }"""
WRITE = """mutation($body: String!, $visibility: Visibility!) {
  writeReflection(input: {body: $body, visibility: $visibility}) {
  __typename ... on Reflection { id } } }"""
REFLECTIONS = "{ myReflections { edges { node { body } } } }"
TEAM = "{ teamReflections { edges { node { body } } } }"


def create(stack, token: str, name: str, scopes: list[str], **more) -> dict:
    return stack.gql(CREATE, {"input": {"name": name, "scopes": scopes, **more}},
                     token)["createApiToken"]


def test_a_token_is_shown_once_then_listed_without_its_secret(stack):
    ana = stack.token(ANA)
    made = create(stack, ana, "Shop-floor board", ["READ"], expiresOn="2099-12-31")
    assert made["__typename"] == "CreatedApiToken" and made["secret"].startswith("kz_")
    assert made["token"]["scopes"] == ["READ"] and made["token"]["expiresOn"] == "2099-12-31"
    stack.gql("{ me { name } }", token=made["secret"])
    listed = [t for t in stack.gql(MINE, token=ana)["myApiTokens"]
              if t["id"] == made["token"]["id"]]
    assert listed[0]["name"] == "Shop-floor board" and listed[0]["lastUsedAt"]
    assert made["secret"] not in str(stack.gql(MINE, token=ana))


def test_bad_token_input_names_every_field(stack):
    made = create(stack, stack.token(ANA), " ", [], expiresOn="2001-01-01")
    assert made["__typename"] == "ValidationError"
    assert {f["field"] for f in made["fields"]} == {"name", "scopes", "expiresOn"}


def test_a_read_only_token_reads_but_cannot_mutate(stack):
    secret = create(stack, stack.token(ANA), "Read only", ["READ"])["secret"]
    assert stack.gql("{ me { email } }", token=secret)["me"]["email"] == ANA
    refused = stack.gql(SUBMIT, token=secret)["submitIdea"]
    assert refused["__typename"] == "PermissionDeniedError"
    assert "WRITE_IDEAS" in refused["message"]
    writer = create(stack, stack.token(ANA), "Ideas bot", ["READ", "WRITE_IDEAS"])["secret"]
    assert stack.gql(SUBMIT, token=writer)["submitIdea"]["__typename"] == "Idea"


@pytest.mark.parametrize("scopes, own, team", [
    (["READ"], False, False),
    (["READ", "WRITE_IDEAS", "WRITE_CAREER", "WRITE_EXPERIMENTS"], False, False),
    (["WRITE_REFLECTIONS"], True, True),
])
def test_reflections_are_read_with_a_token_only_with_write_reflections(stack, scopes, own,
                                                                        team):
    ana, carla = stack.token(ANA), stack.token(CARLA)
    mine = f"Private note {'-'.join(scopes)}"
    stack.gql(WRITE, {"body": mine, "visibility": "PRIVATE"}, ana)
    stack.gql(WRITE, {"body": f"Carla's private {mine}", "visibility": "PRIVATE"}, carla)
    secret = create(stack, ana, "Reflections", scopes)["secret"]
    response = stack.graphql(REFLECTIONS, token=secret).json()
    bodies = [e["node"]["body"] for e in
              ((response.get("data") or {}).get("myReflections") or {"edges": []})["edges"]]
    assert (mine in bodies) is own
    assert not any(b.startswith("Carla's") for b in bodies)  # never another's private one
    if not own:
        assert "WRITE_REFLECTIONS" in response["errors"][0]["message"]
    team_response = stack.graphql(TEAM, token=secret).json()
    assert ("errors" not in team_response) is team
    assert "Carla's private" not in str(team_response)


def test_a_revoked_token_stops_working_at_once(stack):
    ana = stack.token(ANA)
    made = create(stack, ana, "Soon gone", ["READ"])
    assert stack.gql(REVOKE, {"id": made["token"]["id"]}, ana)["revokeApiToken"]["revokedAt"]
    response = stack.graphql("{ me { name } }", token=made["secret"])
    assert response.status_code == 401 and "revoked" in response.text


def test_a_token_cannot_make_or_revoke_tokens(stack):
    ana = stack.token(ANA)
    made = create(stack, ana, "Everything", ["READ", "WRITE_IDEAS", "WRITE_EXPERIMENTS",
                                             "WRITE_CAREER", "WRITE_REFLECTIONS"])
    another = create(stack, made["secret"], "Sneaky", ["READ"])
    assert another["__typename"] == "PermissionDeniedError"
    revoked = stack.gql(REVOKE, {"id": made["token"]["id"]}, made["secret"])["revokeApiToken"]
    assert revoked["__typename"] == "PermissionDeniedError"


def test_someone_elses_token_cannot_be_revoked(stack):
    made = create(stack, stack.token(ANA), "Ana's", ["READ"])
    answer = stack.gql(REVOKE, {"id": made["token"]["id"]}, stack.token(CARLA))
    assert answer["revokeApiToken"]["__typename"] == "NotFoundError"
