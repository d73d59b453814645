"""Signing in with the organisation's provider's tokens, through the gateway: the person is
found by (iss, sub), else by verified e-mail, else created just in time with the team and
the roles of their groups; expired and wrong-audience tokens are refused, over HTTP and at
a live connection's connection_init alike."""
from __future__ import annotations

import json
import time
import uuid

import pytest
from websockets.sync.client import connect

ME = "{ me { id name email team roles } }"


def me(stack, token: str) -> dict:
    return stack.gql(ME, token=token)["me"]


def test_a_seeded_person_is_found_by_verified_e_mail_and_keeps_their_id(stack):
    dev = me(stack, stack.token("ben.okafor@kaizen.example"))
    token = stack.provider_token(sub=f"ben-{uuid.uuid4().hex[:6]}", name="Ben Okafor",
                                 email="ben.okafor@kaizen.example", team="Quality",
                                 groups=["kaizen-reviewers"])
    assert me(stack, token) == dev


def test_a_new_person_is_created_with_the_team_and_roles_of_their_groups(stack):
    sub, email = uuid.uuid4().hex, f"new.{uuid.uuid4().hex[:6]}@kaizen.example"
    token = stack.provider_token(sub=sub, name="Nia  Novak", email=email, team="Paint Shop",
                                 groups=["kaizen-managers", "unrelated"])
    person = me(stack, token)
    assert person["name"] == "Nia Novak" and person["email"] == email
    assert person["team"] == "Paint Shop" and person["roles"] == ["employee", "manager"]
    later = stack.provider_token(sub=sub, name="Nia Novak", email=email, groups=[])
    again = me(stack, later)  # roles re-read at every sign-in; no team claim keeps the team
    assert again["id"] == person["id"] and again["roles"] == ["employee"]
    assert again["team"] == "Paint Shop"


def test_an_unverified_e_mail_does_not_take_over_an_existing_person(stack):
    token = stack.provider_token(sub=uuid.uuid4().hex, name="Not Ana",
                                 email="ana.silva@kaizen.example", email_verified=False)
    response = stack.graphql(ME, token=token)
    assert response.status_code == 401  # the e-mail is taken: no second Ana, no takeover
    assert "e-mail" in response.json()["errors"][0]["message"]


def test_expired_and_wrong_audience_tokens_are_refused(stack):
    claims = {"sub": "demo-ana.silva", "email": "ana.silva@kaizen.example", "name": "Ana"}
    expired = stack.provider_token(**claims, iat=int(time.time()) - 7200,
                                   exp=int(time.time()) - 3600)
    other = stack.provider_token(**claims, aud="another-app")
    for token, reason in ((expired, "expired"), (other, "audience")):
        response = stack.graphql(ME, token=token)
        assert response.status_code == 401 and reason in response.text


def test_the_portal_learns_the_provider_from_the_gateway(stack):
    import httpx

    config = httpx.get(f"{stack.url}/auth/config", timeout=10).json()
    assert config["oidc"] == {"issuer": stack.issuer, "clientId": "kaizen-portal",
                              "scope": "openid profile email", "token": "id_token"}
    assert config["devLogin"] is True


def connection_init(stack, token: str) -> dict:
    """The first answer to a live connection's connection_init with the token."""
    with connect(stack.url.replace("http", "ws") + "/graphql",
                 subprotocols=["graphql-transport-ws"], open_timeout=10) as ws:
        ws.send(json.dumps({"type": "connection_init",
                            "payload": {"authorization": f"Bearer {token}"}}))
        try:
            return json.loads(ws.recv(timeout=20))
        except Exception as closed:  # noqa: BLE001 (the server closed the socket)
            return {"closed": closed.rcvd.code, "reason": closed.rcvd.reason}


def test_a_provider_token_opens_a_live_connection(stack):
    token = stack.provider_token(sub=uuid.uuid4().hex, name="Live Lu",
                                 email=f"live.{uuid.uuid4().hex[:6]}@kaizen.example")
    assert connection_init(stack, token)["type"] == "connection_ack"


@pytest.mark.parametrize("claims", [
    {"iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600},
    {"aud": "another-app"},
], ids=["expired", "wrong-audience"])
def test_a_live_connection_refuses_expired_and_wrong_audience_provider_tokens(stack, claims):
    token = stack.provider_token(sub="demo-ana.silva", email="ana.silva@kaizen.example",
                                 name="Ana", **claims)
    assert connection_init(stack, token) == {"closed": 4403, "reason": "Forbidden"}
