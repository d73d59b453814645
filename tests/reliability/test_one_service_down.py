"""One service down fails only the fields that need it: with career stopped, a page that
mixes ideas, experiments and their people still shows the ideas and the experiments; the
people fields are null, each with a SERVICE_UNAVAILABLE error. Career comes back after."""
from __future__ import annotations

import httpx

PAGE = """{
  ideas(first: 3) { totalCount edges { node { title author { name } } } }
  experiments(first: 3) { totalCount edges { node { title members { name } } } }
}"""


def nodes(connection: dict) -> list[dict]:
    return [edge["node"] for edge in connection["edges"]]


def test_a_stopped_service_fails_only_its_fields(stack):
    token = stack.token("ana.silva@kaizen.example")  # career signs in: before it goes
    before = stack.gql(PAGE, token=token)
    assert nodes(before["ideas"]) and nodes(before["experiments"]), "the seed has both"
    stack.kill("career")
    try:
        response = stack.graphql(PAGE, token=token)
    finally:
        stack.start_process("career")
    body = response.json()
    assert response.status_code == 200
    ideas, experiments = body["data"]["ideas"], body["data"]["experiments"]
    assert ideas["totalCount"] == before["ideas"]["totalCount"]
    assert [i["title"] for i in nodes(ideas)] == [i["title"] for i in nodes(before["ideas"])]
    assert [e["title"] for e in nodes(experiments)] == [
        e["title"] for e in nodes(before["experiments"])]
    assert all(i["author"] is None for i in nodes(ideas))
    assert all(e["members"] is None for e in nodes(experiments))
    failed = {(error["path"][0], error["path"][-1]) for error in body["errors"]}
    assert failed == {("ideas", "author"), ("experiments", "members")}, body["errors"]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"SERVICE_UNAVAILABLE"}
    stack.wait_healthy()
    assert stack.gql(PAGE, token=token) == before


def test_readiness_stays_up_while_a_service_is_down(stack):
    """/readyz needs only the broker, so one service down keeps every gateway pod serving
    the others; /healthz, for people and alerts, names it."""
    stack.kill("growth")
    try:
        assert httpx.get(f"{stack.url}/readyz", timeout=30).json() == {"status": "ok"}
        assert httpx.get(f"{stack.url}/livez", timeout=30).status_code == 200
        health = httpx.get(f"{stack.url}/healthz", timeout=30)
        assert (health.status_code, health.json()) == (503, {"status": "down",
                                                             "down": ["growth"]})
    finally:
        stack.start_process("growth")
    stack.wait_healthy()
