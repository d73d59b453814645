"""SCIM provisioning in the career service (serve_scim) on a real broker, against SQLite and
PostgreSQL: only the gateway calls it and only with a provisioning token; users are created,
replaced, patched and deprovisioned (deactivated through the deactivation use case, their
data kept, 404 to SCIM since); groups give their members a team or a mapped role, and
taking them out takes it back; a failed request writes nothing."""
from __future__ import annotations

import json
from functools import partial

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from admin.cli import main as kaizen_admin
from services.career.models import OUTBOX, Person
from services.career.service import CareerService
from shared.errors import PermissionDenied
from shared.identity import SYSTEM
from tests.integration.career.support import call
from tests.support.identities import ANA
from tests.support.services import as_user, count, outbox_events

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
events = partial(outbox_events, OUTBOX)


def forwarded(method: str, path: str, body: dict | None = None, **query) -> dict:
    return {"method": method, "base_url": "https://kaizen.example/scim/v2", "path": path,
            "query": query, "headers": {"Content-Type": "application/scim+json"},
            "body": json.dumps(body) if body is not None else ""}


@pytest.fixture
def scim(career):
    secret = call(career, "create_provisioning_token", "Entra ID")["secret"]

    def request(method: str, path: str, body: dict | None = None, secret=secret, **query):
        return call(career, "serve_scim", secret, forwarded(method, path, body, **query),
                    identity=SYSTEM)

    return request


def user(name: str, **more) -> dict:
    return {"schemas": [USER], "userName": f"{name}@example.org", "displayName": name.title(),
            "emails": [{"value": f"{name}@example.org", "primary": True}], **more}


def me(career, person_id: str) -> dict:
    return call(career, "get_people", [person_id])[0]


def test_only_the_gateway_calls_and_only_with_a_provisioning_token(career, scim):
    with pytest.raises(PermissionDenied):
        call(career, "serve_scim", "kzscim_x", {"method": "GET", "base_url": "/",
                                                "path": "/Users"}, identity=ANA)
    refused = scim("GET", "/Users", secret="kzscim_unknown")
    assert refused["status"] == 401 and refused["body"]["status"] == "401"
    assert refused["body"]["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert refused["headers"]["Content-Type"] == "application/scim+json"
    assert scim("GET", "/ServiceProviderConfig", secret="")["status"] == 200  # RFC 7644 §4


def test_a_user_is_created_replaced_patched_and_found(career, scim):
    made = scim("POST", "/Users", user("olga", title="Shift lead", externalId="e-1"))
    assert made["status"] == 201, made
    olga = made["body"]
    assert olga["meta"]["location"] == f"https://kaizen.example/scim/v2/Users/{olga['id']}"
    assert me(career, olga["id"])["title"] == "Shift lead"
    replaced = scim("PUT", f"/Users/{olga['id']}", user("olga", displayName="Olga Ode",
                                                        nickName="O"))
    assert replaced["status"] == 200 and replaced["body"]["nickName"] == "O"
    assert me(career, olga["id"])["name"] == "Olga Ode"
    patched = scim("PATCH", f"/Users/{olga['id']}", {"schemas": [PATCH], "Operations": [
        {"op": "replace", "path": "emails[primary eq true].value",
         "value": "olga.ode@example.org"}]})
    assert patched["status"] == 204, patched  # done, nothing asked back (RFC 7644 §3.5.2)
    assert me(career, olga["id"])["email"] == "olga.ode@example.org"
    found = scim("GET", "/Users", filter='emails.value eq "OLGA.ODE@example.org"')
    assert [u["id"] for u in found["body"]["Resources"]] == [olga["id"]]


def test_active_false_and_delete_deactivate_through_the_deactivation_use_case(
        career, career_db, scim):
    ids = [scim("POST", "/Users", user(n))["body"]["id"] for n in ("pia", "ben")]
    off = scim("PATCH", f"/Users/{ids[0]}", {"schemas": [PATCH], "Operations": [
        {"op": "replace", "value": {"active": False}}]})
    assert off["status"] == 204
    assert scim("GET", f"/Users/{ids[0]}")["body"]["active"] is False
    assert scim("DELETE", f"/Users/{ids[1]}")["status"] == 204
    assert scim("GET", f"/Users/{ids[1]}")["status"] == 404
    assert ids[1] not in {u["id"] for u in scim("GET", "/Users")["body"]["Resources"]}
    assert [me(career, i)["active"] for i in ids] == [False, False]  # kept, deactivated
    assert [e["person_id"] for e in events(career_db, "person_deactivated")] == ids
    back = scim("POST", "/Users", user("ben"))  # re-provisioned: the same person again
    assert back["status"] == 201 and back["body"]["id"] == ids[1]
    assert me(career, ids[1])["active"] is True
    assert [e["person_id"] for e in events(career_db, "person_reactivated")] == [ids[1]]


def test_groups_give_teams_and_mapped_roles_and_take_them_back(career, scim):
    pia = scim("POST", "/Users", user("pia"))["body"]["id"]
    team = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "Paint Shop",
                                    "members": [{"value": pia}]})
    assert team["status"] == 201, team
    reviewers = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "kaizen-reviewers",
                                         "members": [{"value": pia}]})["body"]
    assert (me(career, pia)["team"], me(career, pia)["roles"]) == (
        "Paint Shop", ["employee", "reviewer"])
    renamed = scim("PATCH", f"/Groups/{team['body']['id']}", {"schemas": [PATCH], "Operations": [
        {"op": "replace", "path": "displayName", "value": "Paint & Finish"}]})
    assert renamed["status"] == 204 and me(career, pia)["team"] == "Paint & Finish"
    out = scim("PATCH", f"/Groups/{reviewers['id']}", {"schemas": [PATCH], "Operations": [
        {"op": "remove", "path": f'members[value eq "{pia}"]'}]})
    assert out["status"] == 204 and me(career, pia)["roles"] == ["employee"]
    assert scim("DELETE", f"/Groups/{team['body']['id']}")["status"] == 204
    assert me(career, pia)["team"] is None
    assert scim("GET", "/Groups", filter='displayName eq "KAIZEN-REVIEWERS"')[
        "body"]["totalResults"] == 1


def test_a_failed_request_writes_nothing_and_names_the_problem(career, scim):
    pia = scim("POST", "/Users", user("pia"))["body"]["id"]
    bad = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "Paint Shop",
                                   "members": [{"value": pia}, {"value": "nobody"}]})
    assert bad["status"] == 400 and "members" in bad["body"]["detail"]
    assert scim("GET", "/Groups")["body"]["totalResults"] == 0
    assert me(career, pia)["team"] is None
    taken = scim("POST", "/Users", user("pia"))
    assert taken["status"] == 409 and taken["body"]["scimType"] == "uniqueness"
    unsupported = scim("GET", "/Users", filter='title sw "Shift"')
    assert unsupported["status"] == 400 and unsupported["body"]["scimType"] == "invalidFilter"


def test_pages_count_from_start_index(career, scim):
    ids = [scim("POST", "/Users", user(f"p{i}"))["body"]["id"] for i in range(5)]
    page = scim("GET", "/Users", startIndex="2", count="2")["body"]
    assert page["totalResults"] == 5 and page["startIndex"] == 2
    assert [u["id"] for u in page["Resources"]] == ids[1:3]


def test_ten_concurrent_creations_of_one_user_make_one_person_and_nine_409s(container_factory,
                                                             rabbit_config, career_db):
    config = {**rabbit_config, "max_workers": 10, "DB_URIS": {"career": career_db}}
    container = container_factory(CareerService, config)
    container.start()
    secret = call(container, "create_provisioning_token", "Okta")["secret"]
    with ClusterRpcProxy(config, context_data=as_user(SYSTEM, "career")) as cluster:
        pending = [cluster.career.serve_scim.call_async(
            secret, forwarded("POST", "/Users", user("ida"))) for _ in range(10)]
        statuses = sorted(reply.result()["status"] for reply in pending)
    assert statuses == [201] + [409] * 9
    assert count(career_db, Person.__table__) == 1


def test_kaizen_admin_makes_lists_and_revokes_provisioning_tokens(career, rabbit_config,
                                                                  monkeypatch, capsys):
    monkeypatch.setenv("AMQP_URI", rabbit_config["AMQP_URI"])
    assert kaizen_admin(["scim", "token", "Okta"]) == 0
    token_id, secret = capsys.readouterr().out.split("\n")[:2]
    token_id = token_id.split()[0]
    assert secret.startswith("kzscim_")
    answer = call(career, "serve_scim", secret, forwarded("GET", "/Users"), identity=SYSTEM)
    assert answer["status"] == 200
    assert kaizen_admin(["scim", "tokens"]) == 0
    listed = capsys.readouterr().out
    assert "'Okta'" in listed and "last used 20" in listed and secret not in listed
    assert kaizen_admin(["scim", "revoke", token_id]) == 0
    assert kaizen_admin(["scim", "revoke", "no-such-token"]) == 1
    assert "no token" in capsys.readouterr().out
    assert call(career, "serve_scim", secret, forwarded("GET", "/Users"),
                identity=SYSTEM)["status"] == 401
