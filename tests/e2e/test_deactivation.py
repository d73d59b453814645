"""Deactivating a person through the gateway: only an admin may (the matrix: employee,
manager, admin); the deactivated person's sign-in is refused (the provider's token and the
development sign-in alike), they vanish from mentor suggestions and from others' directory
(an admin still finds them, marked), and reactivation lets them back in, to their private
reflections kept as they were."""
from __future__ import annotations

import uuid

import httpx
import pytest

ADMIN, MANAGER, EMPLOYEE = ("dev.patel@kaizen.example", "luis.ortega@kaizen.example",
                            "ana.silva@kaizen.example")
CHANGE = """mutation($id: ID!) { %s(id: $id) { __typename
  ... on Person { id active } ... on UserError { message } } }"""
DEACTIVATE, REACTIVATE = CHANGE % "deactivatePerson", CHANGE % "reactivatePerson"
PROFILE = """mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) {
  __typename } }"""
MENTORS = "query($s: [String!]!) { mentors(skills: $s) { person { id } } }"
FIND = """query($q: String!) { employees(filter: {search: $q}) {
  edges { node { id active } } } }"""
ME = "{ me { id } }"
WRITE = """mutation($body: String!) { writeReflection(input: {body: $body}) {
  __typename ... on Reflection { id } } }"""
MINE = "{ myReflections { edges { node { id visibility } } } }"


@pytest.fixture
def mentor(stack):
    """A new person, signed in through the provider, who mentors in a skill of their own."""
    tag = uuid.uuid4().hex[:8]
    claims = {"sub": f"mo-{tag}", "name": f"Mo {tag}", "email": f"mo.{tag}@kaizen.example"}
    token = stack.provider_token(**claims)
    person = stack.gql(ME, token=token)["me"]
    skill = f"kiln tuning {tag}"
    assert stack.gql(PROFILE, {"input": {"mentoringSkills": [skill]}}, token)[
        "updateMyProfile"]["__typename"] == "Person"
    return {"id": person["id"], "claims": claims, "skill": skill, "tag": tag}


def suggested(stack, mentor, token) -> list[str]:
    return [m["person"]["id"] for m in stack.gql(MENTORS, {"s": [mentor["skill"]]},
                                                 token)["mentors"]]


def found(stack, mentor, token) -> list[dict]:
    return [e["node"] for e in stack.gql(FIND, {"q": mentor["tag"]}, token)["employees"][
        "edges"]]


@pytest.mark.parametrize("who", [EMPLOYEE, MANAGER])
def test_only_an_admin_deactivates_or_reactivates(stack, mentor, who):
    token = stack.token(who)
    for change in (DEACTIVATE, REACTIVATE):
        answer = stack.gql(change, {"id": mentor["id"]}, token)
        assert next(iter(answer.values()))["__typename"] == "PermissionDeniedError"
    assert found(stack, mentor, stack.token(ADMIN)) == [{"id": mentor["id"], "active": True}]
    assert found(stack, mentor, token) == [{"id": mentor["id"], "active": None}]


def offered_at_dev_sign_in(stack) -> list[str]:
    """The e-mails the development sign-in page offers."""
    return [p["email"] for p in httpx.get(f"{stack.url}/auth/dev-people", timeout=30).json()]


def test_a_deactivated_person_cannot_sign_in_and_leaves_mentor_suggestions(stack, mentor):
    admin, employee = stack.token(ADMIN), stack.token(EMPLOYEE)
    assert suggested(stack, mentor, employee) == [mentor["id"]]
    diary = stack.gql(WRITE, {"body": "What I learnt tuning the kiln this week."},
                      stack.provider_token(**mentor["claims"]))["writeReflection"]
    done = stack.gql(DEACTIVATE, {"id": mentor["id"]}, admin)["deactivatePerson"]
    assert done == {"__typename": "Person", "id": mentor["id"], "active": False}
    again = stack.gql(DEACTIVATE, {"id": mentor["id"]}, admin)["deactivatePerson"]
    assert again["active"] is False  # twice changes nothing

    fresh = stack.provider_token(**mentor["claims"], jti=uuid.uuid4().hex)  # not a cached one
    refused = stack.graphql(ME, token=fresh)
    assert refused.status_code == 401 and "deactivated" in refused.text
    dev = httpx.post(f"{stack.url}/auth/dev-token", json={"email": mentor["claims"]["email"]},
                     timeout=30)
    assert dev.status_code == 403 and "deactivated" in dev.text
    assert mentor["claims"]["email"] not in offered_at_dev_sign_in(stack)
    assert suggested(stack, mentor, employee) == []
    assert found(stack, mentor, employee) == []
    assert found(stack, mentor, admin) == [{"id": mentor["id"], "active": False}]

    back = stack.gql(REACTIVATE, {"id": mentor["id"]}, admin)["reactivatePerson"]
    assert back["active"] is True
    token = stack.provider_token(**mentor["claims"], jti=uuid.uuid4().hex)
    assert stack.gql(ME, token=token)["me"]["id"] == mentor["id"]
    assert mentor["claims"]["email"] in offered_at_dev_sign_in(stack)
    assert suggested(stack, mentor, employee) == [mentor["id"]]
    mine = [e["node"] for e in stack.gql(MINE, token=token)["myReflections"]["edges"]]
    assert mine == [{"id": diary["id"], "visibility": "PRIVATE"}]  # kept, and still theirs


def test_an_unknown_person_is_not_found(stack):
    answer = stack.gql(DEACTIVATE, {"id": str(uuid.uuid4())}, stack.token(ADMIN))
    assert answer["deactivatePerson"]["__typename"] == "NotFoundError"
