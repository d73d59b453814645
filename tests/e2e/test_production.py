"""KAIZEN_ENV=production through real processes on the running stack: the gateway and a
service refuse to start with the public development secrets, naming them; with secrets of its
own the gateway answers without introspection, GraphiQL or suggestions and serves /metrics
only on its metrics port. The shared (development) gateway keeps them all, and both send the
security headers."""
from __future__ import annotations

import re
import subprocess

import httpx
import pytest

from shared.settings import ROOT
from tests.support.gateways import gateway
from tests.support.postgres import free_port

INTROSPECTION = "{ __schema { queryType { name } } }"
TYPO = "{ me { nam } }"
OWN_SECRETS = {"KAIZEN_JWT_SECRET": "e2e-own-jwt-secret-5d0c2f9a7b41e6c3",
               "KAIZEN_DEV_LOGIN": "0"}


def started(command: list[str], env: dict) -> tuple[int, str]:
    """Runs a process expected to refuse to start: (exit status, output)."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"{command[0]} kept running in production with development secrets:\n"
                    + output[-2000:])
    return process.returncode, output


def test_a_production_gateway_refuses_the_development_secrets_naming_them(stack):
    env = {**stack.env, "KAIZEN_ENV": "production", "KAIZEN_PORT": str(free_port())}
    status, output = started([str(ROOT / ".venv" / "bin" / "uvicorn"), "gateway.app:app",
                              "--port", env["KAIZEN_PORT"]], env)
    assert status != 0
    assert "gateway refuses to start" in output
    assert "KAIZEN_JWT_SECRET is the public development default" in output
    assert "KAIZEN_DEV_LOGIN=1 lets anyone sign in as anyone" in output  # the stack's


def test_a_production_service_refuses_the_development_unsubscribe_secret(stack):
    env = {**stack.env, "KAIZEN_ENV": "production", "KAIZEN_METRICS_PORT": "0",
           "KAIZEN_DEV_LOGIN": "0"}
    status, output = started([str(ROOT / ".venv" / "bin" / "nameko"), "run", "--config",
                              "config/nameko.yaml", "services.notifications.service"], env)
    assert status != 0
    assert "notifications refuses to start" in output
    assert "KAIZEN_UNSUBSCRIBE_SECRET is the public development default" in output


@pytest.fixture(scope="module")
def production(stack):
    metrics = free_port()
    with gateway(stack, KAIZEN_ENV="production", KAIZEN_METRICS_PORT=str(metrics),
                 **OWN_SECRETS) as running:
        running.metrics_url = f"http://127.0.0.1:{metrics}/metrics"
        yield running


def test_production_answers_no_introspection_and_no_suggestions(production):
    refused = production.graphql(INTROSPECTION).json()
    assert refused.get("data") is None
    assert "introspection" in refused["errors"][0]["message"].lower()
    typo = production.graphql(TYPO).json()["errors"][0]["message"]
    assert typo.startswith("Cannot query field 'nam' on type 'Person'")
    assert "Did you mean" not in typo


def test_development_keeps_introspection_graphiql_and_suggestions(stack):
    assert stack.graphql(INTROSPECTION).json()["data"] == {
        "__schema": {"queryType": {"name": "Query"}}}
    assert "Did you mean 'name'" in stack.graphql(TYPO).json()["errors"][0]["message"]
    page = httpx.get(f"{stack.url}/graphql", headers={"accept": "text/html"}, timeout=30)
    assert "graphiql" in page.text.lower()


def test_production_serves_no_graphiql(production):
    page = httpx.get(f"{production.url}/graphql", headers={"accept": "text/html"}, timeout=30)
    assert "graphiql" not in page.text.lower()


def test_production_metrics_are_on_their_own_port_only(production):
    assert httpx.get(f"{production.url}/metrics", timeout=30).status_code == 404
    production.graphql("{ __typename }")
    scraped = httpx.get(production.metrics_url, timeout=30)
    assert scraped.status_code == 200
    assert re.search(r"^kaizen_gateway_operations_total", scraped.text, re.MULTILINE)
    assert httpx.get(f"{production.url}/livez", timeout=30).status_code == 200


@pytest.mark.parametrize("which", ["production", "development"])
def test_api_answers_carry_the_security_headers(request, stack, which):
    url = request.getfixturevalue("production").url if which == "production" else stack.url
    headers = httpx.post(f"{url}/graphql", json={"query": "{ __typename }"}, timeout=30).headers
    assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
