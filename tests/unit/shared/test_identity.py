"""The service token that carries identity from the gateway to services."""
from __future__ import annotations

import dataclasses
import time

import jwt
import pytest

from shared.errors import PermissionDenied, Unauthenticated
from shared.identity import (
    SERVICE_AUDIENCE,
    SERVICE_ISSUER,
    Identity,
    mint_service_token,
    verify_service_token,
)
from shared.settings import AuthSettings

SETTINGS = AuthSettings.from_env()


def test_a_minted_token_verifies_to_the_same_identity():
    identity = Identity("u1", ("employee", "reviewer"), "Ops")
    assert verify_service_token(mint_service_token(identity)) == identity


def test_a_token_from_another_secret_is_refused():
    other = dataclasses.replace(SETTINGS, service_token_secret="z" * 40)
    with pytest.raises(Unauthenticated):
        verify_service_token(mint_service_token(Identity("u1", ("admin",)), other))


def test_an_expired_or_user_token_is_refused():
    now = int(time.time())
    expired = jwt.encode({"sub": "u1", "roles": [], "aud": SERVICE_AUDIENCE,
                          "iss": SERVICE_ISSUER, "exp": now - 1},
                         SETTINGS.service_token_secret, "HS256")
    user_token = jwt.encode({"sub": "u1", "aud": "kaizen", "iss": "kaizen-dev",
                             "exp": now + 60}, SETTINGS.service_token_secret, "HS256")
    for token in (expired, user_token):
        with pytest.raises(Unauthenticated):
            verify_service_token(token)


def test_roles_admin_implies_every_role_and_require_refuses_others():
    assert Identity("a", ("admin",)).has("reviewer")
    with pytest.raises(PermissionDenied) as raised:
        Identity("e", ("employee",)).require("reviewer")
    assert "reviewer" in str(raised.value)
