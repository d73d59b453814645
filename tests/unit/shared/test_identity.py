"""The service token that carries identity from the gateway (or a service calling another
for a person) to the service it is addressed to: Ed25519 keys with ids, one audience per
target, a short lifetime, and a table of which signer may call what."""
from __future__ import annotations

import time

import jwt
import pytest

from shared import keys
from shared.errors import PermissionDenied, Unauthenticated
from shared.identity import Identity, Signer
from shared.tokens import ServiceTokens
from shared.verify import Verifier

ANA = Identity("ana", ("employee", "reviewer"), "Ops")
TTL = 120


@pytest.fixture
def key_dir(tmp_path, monkeypatch):
    """A key set of its own: one key pair per signer."""
    monkeypatch.setenv("KAIZEN_KEYS_DIR", str(tmp_path))
    keys.ensure(tmp_path)
    return tmp_path


def signed(by: str, audience: str, key_dir, ttl: int = TTL) -> str:
    return Signer(by, key_dir).token(ANA, audience, ttl)


def test_a_gateway_token_verifies_at_its_audience_for_any_method(key_dir):
    token = signed("gateway", "reflections", key_dir)
    assert Verifier("reflections", key_dir).verify(token, "get_reflections") == ANA
    assert Verifier("reflections", key_dir).verify(token, None) == ANA


def test_a_token_signed_with_the_old_shared_secret_is_refused(key_dir):
    now = int(time.time())
    old = jwt.encode({"sub": "u1", "roles": ["admin"], "aud": "kaizen-services",
                      "iss": "kaizen-gateway", "exp": now + 60},
                     "dev-only-service-secret-change-me-0123456789", "HS256")
    relabelled = jwt.encode({"sub": "u1", "roles": ["admin"], "aud": "ideas", "iss": "gateway",
                             "iat": now, "exp": now + 60}, "any-secret-0123456789abcdef0123456",
                            "HS256", headers={"kid": keys.signing_key("gateway", key_dir)[0]})
    for token in (old, relabelled):
        with pytest.raises(Unauthenticated):
            Verifier("ideas", key_dir).verify(token, "submit_idea")


def test_insights_key_cannot_make_a_token_reflections_accepts(key_dir):
    for method in ("get_reflections", "my_reflections", "write_reflection"):
        with pytest.raises(Unauthenticated) as raised:
            Verifier("reflections", key_dir).verify(signed("insights", "reflections", key_dir),
                                                    method)
        assert "insights may not call reflections" in str(raised.value)


def test_a_service_key_is_accepted_only_for_the_methods_listed_for_it(key_dir):
    token = signed("insights", "career", key_dir)
    assert Verifier("career", key_dir).verify(token, "get_profiles") == ANA
    with pytest.raises(Unauthenticated):
        Verifier("career", key_dir).verify(token, "import_people_csv")
    with pytest.raises(Unauthenticated):  # no method named: nothing a service key may do
        Verifier("career", key_dir).verify(token, None)


def test_a_token_for_another_audience_is_refused(key_dir):
    with pytest.raises(Unauthenticated) as raised:
        Verifier("reflections", key_dir).verify(signed("gateway", "career", key_dir), "x")
    assert "audience" in str(raised.value).lower()


def test_an_expired_token_is_refused_even_once_verified(key_dir, monkeypatch):
    verifier = Verifier("ideas", key_dir)
    with pytest.raises(Unauthenticated):
        verifier.verify(signed("gateway", "ideas", key_dir, ttl=-1), "get_ideas")
    token = signed("gateway", "ideas", key_dir, ttl=5)
    assert verifier.verify(token, "get_ideas") == ANA
    later = time.time() + 6
    monkeypatch.setattr("shared.verify.time.time", lambda: later)
    with pytest.raises(Unauthenticated):
        verifier.verify(token, "get_ideas")  # remembered, but no longer valid


def test_an_unknown_key_id_is_refused(key_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("other-keys")
    keys.ensure(elsewhere)
    with pytest.raises(Unauthenticated) as raised:
        Verifier("ideas", key_dir).verify(signed("gateway", "ideas", elsewhere), "get_ideas")
    assert "unknown key id" in str(raised.value)


def test_a_signer_whose_kid_names_another_signer_is_refused(key_dir):
    kid, key = keys.signing_key("insights", key_dir)
    now = int(time.time())
    token = jwt.encode({"sub": "u1", "aud": "reflections", "iss": "gateway", "iat": now,
                        "exp": now + 60}, key, "EdDSA", headers={"kid": kid})
    with pytest.raises(Unauthenticated):
        Verifier("reflections", key_dir).verify(token, "get_reflections")


def test_rotation_two_kids_of_one_signer_are_both_accepted(key_dir):
    old = signed("gateway", "ideas", key_dir)
    verifier = Verifier("ideas", key_dir)  # started before the new key was published
    new_kid = keys.generate("gateway", key_dir)
    new = signed("gateway", "ideas", key_dir)
    assert jwt.get_unverified_header(new)["kid"] == new_kid  # the newest key signs
    assert verifier.verify(old, "get_ideas") == ANA
    assert verifier.verify(new, "get_ideas") == ANA
    (key_dir / "public" / f"{jwt.get_unverified_header(old)['kid']}.pem").unlink()
    assert Verifier("ideas", key_dir).verify(new, "get_ideas") == ANA
    with pytest.raises(Unauthenticated):  # retired
        Verifier("ideas", key_dir).verify(old, "get_ideas")


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
    monkeypatch.setattr("shared.tokens.time.time", fake)
    monkeypatch.setattr("shared.identity.time.time", fake)
    return fake


def test_service_tokens_are_reused_per_identity_and_target_for_half_their_lifetime(
        key_dir, clock):
    tokens = ServiceTokens()
    ben = Identity("ben", ("reviewer",), "Ops")
    first = tokens.token_for(ANA, "ideas")
    assert tokens.token_for(ANA, "ideas") == first
    assert tokens.token_for(ben, "ideas") != first and tokens.token_for(ANA, "career") != first
    assert Verifier("career", key_dir).verify(tokens.token_for(ANA, "career"), "x") == ANA
    clock.now += TTL / 2 - 1
    assert tokens.token_for(ANA, "ideas") == first
    clock.now += 2  # less than half its lifetime left: a fresh one
    fresh = tokens.token_for(ANA, "ideas")
    claims = jwt.decode(fresh, options={"verify_signature": False})
    assert fresh != first and claims["sub"] == "ana" and claims["aud"] == "ideas"
    assert claims["exp"] - clock.now >= TTL - 1


def test_service_tokens_follow_the_settings_and_stay_bounded(key_dir, monkeypatch, clock):
    tokens = ServiceTokens(maxsize=2)
    before = tokens.token_for(ANA, "ideas")
    monkeypatch.setenv("KAIZEN_SERVICE_TOKEN_TTL", "30")
    after = tokens.token_for(ANA, "ideas")
    claims = jwt.decode(after, options={"verify_signature": False})
    assert after != before and claims["exp"] - claims["iat"] == 30
    for name in ("ben", "cleo", "dan"):
        tokens.token_for(Identity(name), "ideas")
    assert len(tokens._tokens) == 2
