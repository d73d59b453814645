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
    ServiceTokens,
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


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("shared.identity.time.time", fake)
    return fake


def test_service_tokens_are_reused_per_identity_for_half_their_lifetime(clock):
    tokens = ServiceTokens()
    ana, ben = Identity("ana", ("employee",)), Identity("ben", ("reviewer",), "Ops")
    first = tokens.token_for(ana)
    assert tokens.token_for(ana) == first and tokens.token_for(ben) != first
    assert verify_service_token(tokens.token_for(ben)) == ben
    clock.now += SETTINGS.service_token_ttl / 2 - 1
    assert tokens.token_for(ana) == first
    clock.now += 2  # less than half its lifetime left: a fresh one
    fresh = tokens.token_for(ana)
    claims = jwt.decode(fresh, options={"verify_signature": False})  # minted "in the future"
    assert fresh != first and claims["sub"] == "ana"
    assert claims["exp"] - clock.now >= SETTINGS.service_token_ttl - 1


def test_service_tokens_follow_the_settings_and_stay_bounded(monkeypatch, clock):
    tokens = ServiceTokens(maxsize=2)
    ana = Identity("ana", ("employee",))
    before = tokens.token_for(ana)
    monkeypatch.setenv("KAIZEN_SERVICE_TOKEN_SECRET", "another-service-secret-0123456789abcdef")
    after = tokens.token_for(ana)
    assert after != before and verify_service_token(after) == ana  # signed with the new one
    for name in ("ben", "cleo", "dan"):
        tokens.token_for(Identity(name))
    assert len(tokens._tokens) == 2
