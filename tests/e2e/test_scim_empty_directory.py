"""From an empty directory to the organisation's people over SCIM: a stack of its own with
the demo seed off (KAIZEN_SEED=0), an operator makes the provisioning token with
`kaizen-admin scim token`, the identity provider pushes its users and groups, and they sign
in with their teams and roles."""
from __future__ import annotations

import subprocess
import sys
import uuid

import httpx
import pytest

from shared.settings import ROOT
from tests.e2e.test_scim import GROUP, ME, USER
from tests.support.stack import start_stack, stop_stack


@pytest.fixture(scope="module")
def empty():
    running = start_stack(KAIZEN_SEED="0", KAIZEN_SERVICES="career")
    yield running
    stop_stack(running)


def test_an_empty_directory_fills_from_scim_and_its_people_sign_in(empty):
    made = subprocess.run([sys.executable, "-m", "admin.cli", "scim", "token", "Okta"],
                          env=empty.env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    secret = made.stdout.split("\n")[1]
    base, auth = f"{empty.url}/scim/v2", {"authorization": f"Bearer {secret}"}
    assert httpx.get(f"{base}/Users", headers=auth, timeout=30).json()["totalResults"] == 0
    people = {}
    for name in ("ida", "jon"):
        body = {"schemas": [USER], "userName": f"{name}@org.example", "externalId": name,
                "displayName": name.title(), "emails": [{"value": f"{name}@org.example"}]}
        answer = httpx.post(f"{base}/Users", json=body, headers=auth, timeout=30)
        assert answer.status_code == 201, answer.text
        people[name] = answer.json()["id"]
    for group, members in (("Welding", ["ida", "jon"]), ("kaizen-admins", ["ida"])):
        answer = httpx.post(f"{base}/Groups", headers=auth, timeout=30, json={
            "schemas": [GROUP], "displayName": group,
            "members": [{"value": people[m]} for m in members]})
        assert answer.status_code == 201, answer.text
    assert httpx.get(f"{base}/Users", headers=auth, timeout=30).json()["totalResults"] == 2
    for name, roles in (("ida", ["employee", "admin"]), ("jon", ["employee"])):
        token = empty.provider_token(sub=uuid.uuid4().hex, name=name.title(),
                                     email=f"{name}@org.example")
        me = empty.gql(ME, token=token)["me"]
        assert (me["id"], me["team"], me["roles"]) == (people[name], "Welding", roles)
