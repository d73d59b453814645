"""PATCH (RFC 7644 §3.5.2) as career applies it, on a worker over SQLite: add, replace and
remove on simple, complex and multi-valued attributes, `active`, the enterprise extension,
and group members, each read back as written; a bad patch changes nothing."""
from __future__ import annotations

import json

import pytest

from shared.identity import SYSTEM

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def scim(career):
    secret = career.call("create_provisioning_token", "Okta", identity=SYSTEM)["secret"]

    def request(method: str, path: str, body: dict | None = None) -> dict:
        raw = {"method": method, "base_url": "http://k/scim/v2", "path": path,
               "headers": {"Content-Type": "application/scim+json"},
               "body": json.dumps(body) if body is not None else ""}
        return career.call("serve_scim", secret, raw, identity=SYSTEM)

    return request


@pytest.fixture
def olga(scim) -> str:
    made = scim("POST", "/Users", {"schemas": [USER], "userName": "olga",
                                   "name": {"givenName": "Olga", "familyName": "Ode"},
                                   "emails": [{"value": "olga@example.org", "primary": True}]})
    assert made["status"] == 201, made
    return made["body"]["id"]


def patch(scim, path: str, *operations: dict) -> dict:
    answer = scim("PATCH", path, {"schemas": [PATCH], "Operations": list(operations)})
    assert answer["status"] == 204, answer
    return scim("GET", path)["body"]


def test_replace_add_and_remove_simple_attributes(scim, olga):
    user = patch(scim, f"/Users/{olga}", {"op": "replace", "path": "title", "value": "Lead"},
                 {"op": "add", "path": "nickName", "value": "O"},
                 {"op": "replace", "path": "name.givenName", "value": "Olgie"})
    assert (user["title"], user["nickName"], user["name"]["givenName"]) == ("Lead", "O", "Olgie")
    user = patch(scim, f"/Users/{olga}", {"op": "remove", "path": "nickName"})
    assert "nickName" not in user and user["title"] == "Lead"


def test_a_patch_without_a_path_merges_its_value(scim, olga):
    user = patch(scim, f"/Users/{olga}", {"op": "replace", "value": {
        "displayName": "Olga O.", f"{ENTERPRISE}:department": "Paint"}})
    assert user["displayName"] == "Olga O." and user[ENTERPRISE]["department"] == "Paint"


def test_multi_valued_attributes_take_value_filters(scim, olga):
    user = patch(scim, f"/Users/{olga}", {"op": "add", "path": "emails", "value": [
        {"value": "o@home.example", "type": "home"}]})
    assert {e["value"] for e in user["emails"]} == {"olga@example.org", "o@home.example"}
    user = patch(scim, f"/Users/{olga}", {"op": "remove", "path": 'emails[type eq "home"]'})
    assert [e["value"] for e in user["emails"]] == ["olga@example.org"]


def test_active_false_deactivates_and_true_reactivates(career, scim, olga):
    assert patch(scim, f"/Users/{olga}", {"op": "replace", "path": "active",
                                          "value": False})["active"] is False
    assert career.call("get_people", [olga], identity=SYSTEM)[0]["active"] is False
    assert patch(scim, f"/Users/{olga}", {"op": "replace", "path": "active",
                                          "value": True})["active"] is True
    assert [e["person_id"] for e in career.events("person_deactivated")] == [olga]
    assert [e["person_id"] for e in career.events("person_reactivated")] == [olga]


def test_group_members_are_added_and_removed(career, scim, olga):
    pia = scim("POST", "/Users", {"schemas": [USER], "userName": "pia@example.org",
                                  "emails": [{"value": "pia@example.org"}]})["body"]["id"]
    group = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "Logistics"})["body"]
    members = patch(scim, f"/Groups/{group['id']}", {"op": "add", "path": "members",
                                                    "value": [{"value": olga}, {"value": pia}]})
    assert {m["value"] for m in members["members"]} == {olga, pia}
    left = patch(scim, f"/Groups/{group['id']}",
                 {"op": "remove", "path": f'members[value eq "{olga}"]'})
    assert [m["value"] for m in left["members"]] == [pia]
    teams = career.call("get_people", [olga, pia], identity=SYSTEM)
    assert [p["team"] for p in teams] == [None, "Logistics"]


def test_a_bad_patch_changes_nothing(scim, olga):
    before = scim("GET", f"/Users/{olga}")["body"]
    answer = scim("PATCH", f"/Users/{olga}", {"schemas": [PATCH], "Operations": [
        {"op": "replace", "path": "title", "value": "Lead"},
        {"op": "replace", "path": "userName", "value": None}]})
    assert answer["status"] == 400 and answer["body"]["schemas"][0].endswith(":Error")
    assert scim("GET", f"/Users/{olga}")["body"] == before


def test_entra_ids_remove_of_members_by_value_removes_those_members(career, scim, olga):
    group = scim("POST", "/Groups", {"schemas": [GROUP], "displayName": "Logistics",
                                     "members": [{"value": olga}]})["body"]
    left = patch(scim, f"/Groups/{group['id']}", {"op": "Remove", "path": "members",
                                                  "value": [{"value": olga}]})
    assert "members" not in left
    assert career.call("get_people", [olga], identity=SYSTEM)[0]["team"] is None


def test_only_a_remove_of_members_with_values_is_reworded():
    from services.career.scim_protocol import members_removed_by_filter

    entra = json.dumps({"schemas": [PATCH], "Operations": [
        {"op": "Remove", "path": "members", "value": [{"value": 'a"1'}, {"value": "b"}]},
        {"op": "replace", "path": "displayName", "value": "x"}]})
    assert json.loads(members_removed_by_filter(entra))["Operations"] == [
        {"op": "remove", "path": 'members[value eq "a\\"1"]'},
        {"op": "remove", "path": 'members[value eq "b"]'},
        {"op": "replace", "path": "displayName", "value": "x"}]
    for body in ("not json", "{}", json.dumps({"Operations": [
            {"op": "remove", "path": "members"}]})):
        assert members_removed_by_filter(body) == body
