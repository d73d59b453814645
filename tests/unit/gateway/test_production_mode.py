"""What KAIZEN_ENV=production changes in the gateway's schema and responses: no
introspection and no "Did you mean" suggestions (both there in development), and security
headers on pages and API answers alike (gateway.headers)."""
from __future__ import annotations

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from gateway.headers import SecurityHeaders
from gateway.loaders import request_context
from gateway.schema import build_schema
from shared.identity import Identity

ANA = Identity("ana", ("employee",), "Assembly")
INTROSPECTION = "{ __schema { queryType { name } } }"
TYPOS = ['{ me { nam } }', '{ ideas(frist: 3) { totalCount } }',
         '{ ideas(orderBy: NEWES) { totalCount } }', 'query($f: IdeaFiltr) { me { id } }']


def run(production: bool, query: str):
    return asyncio.run(build_schema(production=production).execute(
        query, context_value=request_context(None, ANA)))


def test_introspection_is_off_in_production_and_on_in_development():
    refused = run(True, INTROSPECTION)
    assert refused.data is None and "introspection" in refused.errors[0].message.lower()
    assert run(False, INTROSPECTION).data == {"__schema": {"queryType": {"name": "Query"}}}


@pytest.mark.parametrize("query", TYPOS)
def test_no_suggestions_in_production(query):
    refused = run(True, query).errors
    assert refused and not any("Did you mean" in e.message for e in refused)
    assert any("Did you mean" in e.message for e in run(False, query).errors)


def headers_of(path: str) -> dict:
    app = Starlette(routes=[Route("/", lambda r: HTMLResponse("<p>portal</p>")),
                            Route("/graphql", lambda r: JSONResponse({"data": None}))],
                    middleware=[])
    client = TestClient(SecurityHeaders(app, issuer="https://login.example.com/realms/k"))
    return client.get(path).headers


def test_pages_get_a_policy_allowing_their_own_origin_and_the_provider():
    page = headers_of("/")
    policy = page["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "connect-src 'self' https://login.example.com;" in policy
    assert "frame-ancestors 'self'" in policy  # the silent sign-in frame is the portal's own
    assert page["x-content-type-options"] == "nosniff"
    assert page["referrer-policy"] == "no-referrer"


def test_a_reload_answered_not_modified_keeps_the_page_policy():
    app = Starlette(routes=[Route("/", lambda r: Response(status_code=304))])
    client = TestClient(SecurityHeaders(app))
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_api_answers_load_nothing_and_are_framed_by_nobody():
    api = headers_of("/graphql")
    assert api["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert api["x-frame-options"] == "DENY"
    assert api["x-content-type-options"] == "nosniff"
    assert api["referrer-policy"] == "no-referrer"
