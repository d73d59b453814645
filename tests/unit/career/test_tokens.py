"""Rules of machine tokens: secrets by kind, only a hash kept, which tokens are usable, and
the input of a new API token (every bad field named at once)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.career import tokens
from services.career.validation import validate_api_token
from shared.errors import Unauthenticated, ValidationError

TODAY = date(2026, 12, 3)


def test_secrets_are_random_prefixed_by_kind_and_kept_only_as_a_hash():
    first, second = tokens.new_secret(tokens.API), tokens.new_secret(tokens.API)
    assert first.startswith("kz_") and first != second and len(first) > 40
    assert tokens.new_secret(tokens.PROVISIONING).startswith("kzscim_")
    assert tokens.hash_secret(first) == tokens.hash_secret(first) != first
    assert len(tokens.hash_secret(first)) == 64


@pytest.mark.parametrize("state, kind, message", [
    (None, tokens.API, "unknown"),
    (tokens.TokenState(tokens.PROVISIONING, None, None), tokens.API, "unknown"),
    (tokens.TokenState(tokens.API, datetime(2026, 1, 1, tzinfo=UTC), None), tokens.API,
     "revoked"),
    (tokens.TokenState(tokens.API, None, date(2026, 12, 2)), tokens.API,
     "expired on 2026-12-02"),
])
def test_unknown_other_kind_revoked_and_expired_tokens_are_refused(state, kind, message):
    with pytest.raises(Unauthenticated, match=message):
        tokens.check_usable(state, kind, TODAY)


def test_a_token_works_through_its_expiry_day_and_without_one():
    tokens.check_usable(tokens.TokenState(tokens.API, None, TODAY), tokens.API, TODAY)
    tokens.check_usable(tokens.TokenState(tokens.API, None, None), tokens.API, TODAY)


def test_a_good_input_is_cleaned_with_scopes_in_their_order():
    raw = {"name": "  Board   bot ", "scopes": ["WRITE_IDEAS", "READ", "READ"],
           "expires_on": "2027-01-31"}
    assert validate_api_token(raw, tokens.SCOPES, TODAY) == (
        "Board bot", ["READ", "WRITE_IDEAS"], date(2027, 1, 31))


@pytest.mark.parametrize("raw, fields", [
    ({"name": "", "scopes": [], "expires_on": "soon"}, {"name", "scopes", "expiresOn"}),
    ({"name": "x" * 121, "scopes": ["ADMIN"], "expires_on": TODAY.isoformat()},
     {"name", "scopes", "expiresOn"}),
    ({"name": "ok", "scopes": ["READ"], "expires_on": "2026-12-04"}, set()),
])
def test_every_bad_field_is_named(raw, fields):
    if not fields:
        validate_api_token(raw, tokens.SCOPES, TODAY)
        return
    with pytest.raises(ValidationError) as refused:
        validate_api_token(raw, tokens.SCOPES, TODAY)
    assert {e["field"] for e in refused.value.errors} == fields
