"""After a few GraphQL calls, /metrics on the gateway and each service's metrics port show
them; service log lines are JSON carrying the nameko call id stack."""
from __future__ import annotations

import json
import re
import time

import httpx

ANA = "ana.silva@kaizen.example"
SUBMIT = """mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
  __typename ... on ValidationError { field } } }"""


def samples(url: str) -> dict[str, float]:
    text = httpx.get(url, timeout=30).text
    return {key: float(value) for key, value in
            re.findall(r"^(kaizen_\S+) (\S+)$", text, flags=re.MULTILINE)}


def service_metrics(stack, service: str) -> dict[str, float]:
    port = (stack.var_dir / "run" / f"{service}.metrics-port").read_text().strip()
    return samples(f"http://127.0.0.1:{port}/metrics")


def calls(metrics: dict, service: str, method: str, kind: str, outcome: str) -> float:
    return metrics.get(f'kaizen_service_entrypoint_calls_total{{entrypoint="{kind}",'
                       f'method="{method}",outcome="{outcome}",service="{service}"}}', 0.0)


def graphql_calls(stack) -> None:
    token = stack.token(ANA)
    stack.gql("{ me { name } }", token=token)
    stack.gql("{ ideas(first: 5) { edges { node { title author { name } } } } }", token=token)
    ok = stack.gql(SUBMIT, {"input": {"title": "Metrics check idea"}}, token)["submitIdea"]
    bad = stack.gql(SUBMIT, {"input": {"title": "no"}}, token)["submitIdea"]
    assert (ok["__typename"], bad) == ("Idea", {"__typename": "ValidationError",
                                                "field": "title"})


def test_gateway_and_service_metrics_show_the_calls(stack):
    gateway_before = samples(f"{stack.url}/metrics")
    ideas_before = service_metrics(stack, "ideas")
    graphql_calls(stack)
    gateway = samples(f"{stack.url}/metrics")
    ideas = service_metrics(stack, "ideas")

    done = 'kaizen_gateway_requests_total{operation="graphql",outcome="done"}'
    assert gateway[done] >= gateway_before.get(done, 0.0) + 4
    listed = 'kaizen_gateway_rpc_seconds_count{method="list_ideas",service="ideas"}'
    assert gateway[listed] >= gateway_before.get(listed, 0.0) + 1
    for outcome in ("ok", "rejected"):
        assert calls(ideas, "ideas", "submit_idea", "rpc", outcome) >= calls(
            ideas_before, "ideas", "submit_idea", "rpc", outcome) + 1
    timed = 'kaizen_service_entrypoint_seconds_count{entrypoint="rpc",method="list_ideas",' \
            'service="ideas"}'
    assert ideas[timed] >= ideas_before.get(timed, 0.0) + 1
    assert calls(ideas, "ideas", "relay_outbox", "timer", "ok") > 0


def test_event_handlers_are_counted_on_the_consuming_service(stack):
    # the demo seed moves ideas through review; career records each status change
    deadline = time.monotonic() + 30
    while True:
        career = service_metrics(stack, "career")
        handled = calls(career, "career", "on_idea_status_changed", "event", "ok")
        if handled > 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert handled > 0
    assert calls(career, "career", "on_idea_status_changed", "event", "failed") == 0


def test_service_logs_are_json_lines_with_the_call_id_stack(stack):
    token = stack.token(ANA)
    stack.gql(SUBMIT, {"input": {"title": "no"}}, token)
    lines = [json.loads(line) for line in
             (stack.var_dir / "log" / "ideas.log").read_text().splitlines()
             if line.startswith("{")]
    rejected = [line for line in lines if line.get("method") == "submit_idea"]
    assert rejected, lines[-5:]
    last = rejected[-1]
    assert last["service"] == "ideas" and last["call_id"].startswith("ideas.submit_idea.")
    assert last["call_id_stack"][-1] == last["call_id"] and len(last["call_id_stack"]) == 2


def test_one_request_id_follows_the_request_into_the_services(stack):
    token = stack.token(ANA)
    response = stack.graphql("query Board { ideas(first: 2) { edges { node { title } } } }",
                             token=token, headers={"x-request-id": "e2e-trace-1"})
    assert response.status_code == 200 and response.headers["x-request-id"] == "e2e-trace-1"
    gateway = samples(f"{stack.url}/metrics")
    assert gateway['kaizen_gateway_operations_total{operation="Board",outcome="ok",'
                   'type="query"}'] >= 1
    # a rejected call logs on the service side; the same id is the origin of its stack
    stack.graphql(SUBMIT, {"input": {"title": "no"}}, token, headers={"x-request-id": "e2e-2"})
    lines = [json.loads(line) for line in
             (stack.var_dir / "log" / "ideas.log").read_text().splitlines()
             if line.startswith("{")]
    traced = [line for line in lines if line.get("origin_call_id") == "e2e-2"]
    assert traced and traced[-1]["call_id_stack"][0] == "e2e-2"
