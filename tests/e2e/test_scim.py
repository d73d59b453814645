"""SCIM 2.0 provisioning over HTTP through the gateway's /scim/v2, served by career: the
provisioning token is the only way in (a missing, wrong or revoked one answers a SCIM 401),
discovery, users and groups, filters and pages, SCIM errors, and what provisioning means at
sign-in: a person created over SCIM signs in with the team and roles of their groups, and a
deactivated or deleted one is refused."""
from __future__ import annotations

import uuid

import httpx
import pytest

ADMIN = "dev.patel@kaizen.example"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
CREATE_TOKEN = """mutation($name: String!) { createProvisioningToken(name: $name) {
  __typename ... on CreatedProvisioningToken { secret token { id } } } }"""
REVOKE_TOKEN = """mutation($id: ID!) { revokeProvisioningToken(id: $id) {
  __typename ... on ProvisioningToken { revokedAt } } }"""
ME = "{ me { id name email team roles } }"


class Scim:
    def __init__(self, stack, secret: str):
        self.base, self.secret = f"{stack.url}/scim/v2", secret

    def __call__(self, method: str, path: str, body: dict | None = None,
                 secret: str | None = None, **params) -> httpx.Response:
        headers = {"authorization": f"Bearer {secret or self.secret}",
                   "content-type": "application/scim+json"}
        return httpx.request(method, self.base + path, json=body, params=params,
                             headers=headers, timeout=30)


def sign_in(stack, email: str, sub: str) -> httpx.Response:
    """A fresh sign-in (a new token: the gateway remembers a token's person for a minute)."""
    token = stack.provider_token(sub=sub, name="Sam", email=email, jti=uuid.uuid4().hex)
    return stack.graphql(ME, token=token)


def provisioning_token(stack) -> tuple[str, str]:
    made = stack.gql(CREATE_TOKEN, {"name": f"Entra {uuid.uuid4().hex[:6]}"},
                     stack.token(ADMIN))["createProvisioningToken"]
    return made["secret"], made["token"]["id"]


@pytest.fixture(scope="module")
def scim(stack) -> Scim:
    return Scim(stack, provisioning_token(stack)[0])


def new_user(scim: Scim, **more) -> dict:
    tag = uuid.uuid4().hex[:8]
    body = {"schemas": [USER], "userName": f"sam.{tag}@kaizen.example",
            "name": {"givenName": "Sam", "familyName": tag}, "externalId": f"okta-{tag}",
            "emails": [{"value": f"sam.{tag}@kaizen.example", "primary": True}], **more}
    response = scim("POST", "/Users", body)
    assert response.status_code == 201, response.text
    return response.json()


def assert_scim_error(response: httpx.Response, status: int, scim_type: str | None = None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/scim+json")
    body = response.json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status)
    if scim_type:
        assert body["scimType"] == scim_type


def test_discovery_describes_users_and_groups(stack, scim):
    config = httpx.get(f"{scim.base}/ServiceProviderConfig", timeout=30)  # needs no token
    assert config.status_code == 200
    assert config.headers["content-type"].startswith("application/scim+json")
    assert config.json()["patch"]["supported"] is True
    assert config.json()["bulk"]["supported"] is False
    types = scim("GET", "/ResourceTypes").json()
    assert {r["name"] for r in types["Resources"]} == {"User", "Group"}
    schemas = scim("GET", "/Schemas").json()
    assert {USER, GROUP} <= {s["id"] for s in schemas["Resources"]}


@pytest.mark.parametrize("secret", ["", "kzscim_not-a-token", "kz_an-api-token"])
def test_a_missing_or_wrong_token_is_a_scim_401(scim, secret):
    response = httpx.get(f"{scim.base}/Users", timeout=30,
                         headers={"authorization": f"Bearer {secret}"} if secret else {})
    assert_scim_error(response, 401)


def test_a_revoked_token_is_refused_at_once(stack, scim):
    secret, token_id = provisioning_token(stack)
    assert scim("GET", "/Users", secret=secret, count=1).status_code == 200
    stack.gql(REVOKE_TOKEN, {"id": token_id}, stack.token(ADMIN))
    refused = scim("GET", "/Users", secret=secret)
    assert_scim_error(refused, 401)
    assert "revoked" in refused.json()["detail"]


def test_a_user_is_created_read_found_by_user_name_and_paged(scim):
    made = new_user(scim)
    assert made["id"] and made["meta"]["location"].endswith(f"/scim/v2/Users/{made['id']}")
    assert scim("GET", f"/Users/{made['id']}").json()["userName"] == made["userName"]
    found = scim("GET", "/Users", filter=f'userName eq "{made["userName"].upper()}"').json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == made["id"]
    by_external = scim("GET", "/Users", filter=f'externalId eq "{made["externalId"]}"').json()
    assert [u["id"] for u in by_external["Resources"]] == [made["id"]]
    everyone = scim("GET", "/Users", count=2, startIndex=2).json()
    assert everyone["totalResults"] > 2 and everyone["startIndex"] == 2
    assert everyone["itemsPerPage"] == 2 and len(everyone["Resources"]) == 2


def test_scim_errors_name_what_is_wrong(scim):
    made = new_user(scim)
    taken = scim("POST", "/Users", {"schemas": [USER], "userName": made["userName"],
                                    "emails": [{"value": "other@kaizen.example"}]})
    assert_scim_error(taken, 409, "uniqueness")
    assert_scim_error(scim("GET", "/Users", filter='name.givenName co "Sam"'), 400,
                      "invalidFilter")
    assert_scim_error(scim("GET", f"/Users/{uuid.uuid4()}"), 404)
    no_email = scim("POST", "/Users", {"schemas": [USER], "userName": "just-a-login"})
    assert no_email.status_code == 400 and "emails" in no_email.text


def test_a_person_kaizen_knows_is_found_by_e_mail_and_adopted_not_doubled(stack, scim):
    email = f"jit.{uuid.uuid4().hex[:8]}@kaizen.example"  # signed in before provisioning
    known = stack.gql(ME, token=stack.provider_token(sub=uuid.uuid4().hex, name="Jo Early",
                                                     email=email))["me"]
    found = scim("GET", "/Users", filter=f'userName eq "{email}"').json()
    assert [(u["id"], u["active"]) for u in found["Resources"]] == [(known["id"], True)]
    adopted = scim("POST", "/Users", {"schemas": [USER], "userName": email.split("@")[0],
                                      "displayName": "Jo Early", "emails": [{"value": email}]})
    assert adopted.status_code == 201 and adopted.json()["id"] == known["id"]


def test_a_provisioned_person_signs_in_with_the_team_and_roles_of_their_groups(stack, scim):
    made = new_user(scim)
    team = f"Paint Shop {uuid.uuid4().hex[:4]}"
    for name in (team, "kaizen-reviewers"):
        group = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": name,
                                         "members": [{"value": made["id"]}]})
        assert group.status_code == 201, group.text
    assert {g["display"] for g in scim("GET", f"/Users/{made['id']}").json()["groups"]} \
        == {team, "kaizen-reviewers"}
    token = stack.provider_token(sub=uuid.uuid4().hex, name="Sam Provisioned",
                                 email=made["emails"][0]["value"])  # no groups claim
    me = stack.gql(ME, token=token)["me"]
    assert me["id"] == made["id"] and me["team"] == team
    assert me["roles"] == ["employee", "reviewer"]


def test_a_provisioned_person_is_found_by_their_external_id_as_the_subject(stack, scim):
    made = new_user(scim)  # the IdP's own id for them; an unverified e-mail alone is refused
    token = stack.provider_token(sub=made["externalId"], name="Sam",
                                 email=made["emails"][0]["value"], email_verified=False)
    assert stack.gql(ME, token=token)["me"]["id"] == made["id"]


def test_a_person_in_a_group_patched_out_loses_its_role(stack, scim):
    made = new_user(scim)
    group = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "kaizen-managers",
                                     "members": [{"value": made["id"]}]}).json()
    email, sub = made["emails"][0]["value"], uuid.uuid4().hex
    assert sign_in(stack, email, sub).json()["data"]["me"]["roles"] == ["employee", "manager"]
    removed = scim("PATCH", f"/Groups/{group['id']}", {"schemas": [PATCH], "Operations": [
        {"op": "remove", "path": f'members[value eq "{made["id"]}"]'}]})
    assert removed.status_code in (200, 204), removed.text
    assert sign_in(stack, email, sub).json()["data"]["me"]["roles"] == ["employee"]


@pytest.mark.parametrize("how", ["patch active false", "delete"])
def test_a_deactivated_or_deleted_person_is_refused_sign_in(stack, scim, how):
    made = new_user(scim)
    email, sub = made["emails"][0]["value"], uuid.uuid4().hex
    assert sign_in(stack, email, sub).json()["data"]["me"]["id"] == made["id"]
    if how == "delete":
        assert scim("DELETE", f"/Users/{made['id']}").status_code == 204
        assert_scim_error(scim("GET", f"/Users/{made['id']}"), 404)
    else:
        patched = scim("PATCH", f"/Users/{made['id']}", {"schemas": [PATCH], "Operations": [
            {"op": "replace", "path": "active", "value": False}]})
        assert patched.status_code in (200, 204), patched.text
        assert scim("GET", f"/Users/{made['id']}").json()["active"] is False
    refused = sign_in(stack, email, sub)
    assert refused.status_code == 401 and "deactivated" in refused.text


def test_scim_answers_carry_the_api_s_security_headers(scim):
    response = scim("GET", "/Users", count=1)
    assert response.headers["content-security-policy"] == (
        "default-src 'none'; frame-ancestors 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
