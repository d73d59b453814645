"""What an API token may do, as a matrix: every scope set against reading and changing every
service; a person's own session (scopes None) is never limited here; tokens never manage
tokens. The GraphQL enum spells exactly the scopes the gateway checks."""
from __future__ import annotations

import pytest

from gateway import scopes
from gateway.tokens.types import ApiScope
from shared.errors import PermissionDenied

SERVICES = ("ideas", "experiments", "career", "reflections", "insights", "notifications")
# written out independently of gateway.scopes: service -> the scope that changes it
WRITES = {"ideas": "WRITE_IDEAS", "experiments": "WRITE_EXPERIMENTS",
          "career": "WRITE_CAREER", "reflections": "WRITE_REFLECTIONS"}
SCOPE_SETS = [(s,) for s in scopes.SCOPES] + [tuple(scopes.SCOPES)]


def allowed(check, *args) -> bool:
    try:
        check(*args)
    except PermissionDenied:
        return False
    return True


def test_the_graphql_enum_is_the_checked_scopes():
    assert tuple(s.value for s in ApiScope) == scopes.SCOPES


@pytest.mark.parametrize("token_scopes", SCOPE_SETS)
@pytest.mark.parametrize("service", SERVICES)
def test_reading(token_scopes, service):
    expected = service != "reflections" or "WRITE_REFLECTIONS" in token_scopes
    assert allowed(scopes.check_read, token_scopes, service) is expected


@pytest.mark.parametrize("token_scopes", SCOPE_SETS)
@pytest.mark.parametrize("service", SERVICES)
def test_changing(token_scopes, service):
    expected = WRITES.get(service) in token_scopes
    assert allowed(scopes.check_write, token_scopes, service) is expected


@pytest.mark.parametrize("service", SERVICES)
def test_a_session_is_not_limited(service):
    assert allowed(scopes.check_read, None, service)
    assert allowed(scopes.check_write, None, service)
    assert allowed(scopes.check_session, None)


@pytest.mark.parametrize("token_scopes", SCOPE_SETS)
def test_no_token_manages_tokens(token_scopes):
    assert not allowed(scopes.check_session, token_scopes)
