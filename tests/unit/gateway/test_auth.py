"""Bearer-token verification: HS256 by default, RS256 via JWKS, explicit allow-lists."""
from __future__ import annotations

import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from gateway.auth import AuthError, TokenVerifier, issue_dev_token
from shared.settings import AuthSettings

SETTINGS = dataclasses.replace(AuthSettings.from_env(), jwt_secret="s" * 40, jwks_url=None)
PERSON = {"id": "p1", "email": "a@x.example", "name": "A", "roles": ["employee", "reviewer"],
          "team": "Ops"}


def claims(**overrides) -> dict:
    now = int(time.time())
    base = {"sub": "p1", "roles": ["employee"], "iss": SETTINGS.jwt_issuer,
            "aud": SETTINGS.jwt_audience, "iat": now, "exp": now + 3600}  # built at collection
    return {**base, **overrides}


def test_dev_token_round_trips_identity():
    identity = TokenVerifier(SETTINGS).verify(issue_dev_token(PERSON, SETTINGS))
    assert identity.user_id == "p1"
    assert identity.roles == ("employee", "reviewer") and identity.team == "Ops"


@pytest.mark.parametrize("token, message", [
    (jwt.encode(claims(), "x" * 40, "HS256"), "Signature verification failed"),
    (jwt.encode(claims(exp=int(time.time()) - 5), "s" * 40, "HS256"), "expired"),
    (jwt.encode(claims(), None, "none"), "alg"),
    (jwt.encode(claims(aud="someone-else"), "s" * 40, "HS256"), "audience"),
    (jwt.encode(claims(iss="evil"), "s" * 40, "HS256"), "issuer"),
    (jwt.encode({k: v for k, v in claims().items() if k != "exp"}, "s" * 40, "HS256"), "exp"),
    (jwt.encode(claims(), "s" * 40, "HS512"), "alg"),
    (jwt.encode(claims(sub="system"), "s" * 40, "HS256"), "reserved subject"),
])
def test_bad_tokens_are_refused_with_a_reason(token, message):
    with pytest.raises(AuthError) as raised:
        TokenVerifier(SETTINGS).verify(token)
    assert message.lower() in str(raised.value).lower()


def test_unknown_roles_in_a_token_are_dropped():
    token = jwt.encode(claims(roles=["employee", "superuser"]), "s" * 40, "HS256")
    assert TokenVerifier(SETTINGS).verify(token).roles == ("employee",)


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "token-without-scheme"])
def test_malformed_authorization_headers_are_refused(header):
    with pytest.raises(AuthError):
        TokenVerifier(SETTINGS).identity_from_header(header)


def test_no_header_is_anonymous():
    assert TokenVerifier(SETTINGS).identity_from_header(None) is None


@pytest.fixture
def jwks_server():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield key, f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()


def test_rs256_tokens_are_verified_against_the_jwks(jwks_server):
    key, url = jwks_server
    verifier = TokenVerifier(dataclasses.replace(SETTINGS, jwks_url=url))
    good = jwt.encode(claims(), key, "RS256", headers={"kid": "k1"})
    assert verifier.verify(good).user_id == "p1"
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other_key, "RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError):
        verifier.verify(forged)
    hs_with_public_secret = jwt.encode(claims(), "s" * 40, "HS256", headers={"kid": "k1"})
    with pytest.raises(AuthError):  # no algorithm confusion once RS256 is configured
        verifier.verify(hs_with_public_secret)
