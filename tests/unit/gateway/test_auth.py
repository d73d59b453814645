"""Bearer-token verification: HS256 for development, the OpenID provider's tokens by
discovery and JWKS (issuer and audience checked), explicit allow-lists; live connections
authenticated the same way at connection_init and before each delivery."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import SimpleNamespace

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from strawberry.exceptions import ConnectionRejectionError

from gateway import live
from gateway.auth import AuthError, TokenVerifier, issue_dev_token
from gateway.context import Context
from shared.errors import PermissionDenied
from shared.settings import AuthSettings, OidcSettings

SETTINGS = dataclasses.replace(AuthSettings.from_env(), jwt_secret="s" * 40, dev_login=False)
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
        TokenVerifier.bearer_token(header)


def test_no_header_is_anonymous():
    assert asyncio.run(TokenVerifier(SETTINGS).authenticate(None, rpc=None)) is None


@pytest.fixture
def provider():
    """A minimal OpenID provider: discovery and JWKS over real HTTP, its key to sign with."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    server = HTTPServer(("127.0.0.1", 0), None)
    issuer = f"http://127.0.0.1:{server.server_port}"
    documents = {
        "/.well-known/openid-configuration": {"issuer": issuer, "jwks_uri": issuer + "/jwks"},
        "/jwks": {"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]},
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(documents[self.path]).encode())

        def log_message(self, *args):
            pass

    server.RequestHandlerClass = Handler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield key, issuer
    server.shutdown()


class SignInRpc:
    """career's sign_in as the gateway sees it: the claims it forwards, the person back."""

    def __init__(self, refuse: str | None = None):
        self.calls: list[dict] = []
        self.refuse = refuse

    async def call(self, service, method, claims, identity):
        assert (service, method, identity.user_id) == ("career", "sign_in", "system")
        self.calls.append(claims)
        if self.refuse:
            raise PermissionDenied(self.refuse)
        return {"id": "person-7", "roles": ["employee", "reviewer"], "team": "Quality"}


def oidc_claims(issuer: str, **overrides) -> dict:
    now = int(time.time())
    return {"iss": issuer, "sub": "idp-42", "aud": "kaizen-portal", "iat": now,
            "exp": now + 600, "email": "a@x.example", "email_verified": True,
            "groups": ["kaizen-reviewers"], "nonce": "n", **overrides}


def verifier_for(issuer: str, dev_login: bool = False) -> TokenVerifier:
    oidc = dataclasses.replace(OidcSettings.from_env(), issuer=issuer,
                               client_id="kaizen-portal", audience=None)
    return TokenVerifier(dataclasses.replace(SETTINGS, dev_login=dev_login), oidc)


def sign_in(verifier: TokenVerifier, token: str, rpc) -> object:
    return asyncio.run(verifier.authenticate(f"Bearer {token}", rpc))


def test_a_provider_token_names_the_person_career_signs_in(provider):
    key, issuer = provider
    rpc = SignInRpc()
    token = jwt.encode(oidc_claims(issuer), key, "RS256", headers={"kid": "k1"})
    bearer = sign_in(verifier_for(issuer), token, rpc)
    assert bearer.identity.user_id == "person-7" and bearer.identity.team == "Quality"
    assert bearer.identity.roles == ("employee", "reviewer") and bearer.scopes is None
    assert rpc.calls == [{"iss": issuer, "sub": "idp-42", "email": "a@x.example",
                          "email_verified": True, "groups": ["kaizen-reviewers"]}]


@pytest.mark.parametrize("overrides, message", [
    ({"aud": "another-app"}, "another audience"),
    ({"exp": int(time.time()) - 120}, "expired"),
    ({"iss": "http://evil.example"}, "issuer"),
])
def test_a_provider_token_that_is_expired_or_for_someone_else_is_refused(
        provider, overrides, message):
    key, issuer = provider
    token = jwt.encode(oidc_claims(issuer, **overrides), key, "RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError, match=message):
        sign_in(verifier_for(issuer), token, SignInRpc())


def test_forged_and_algorithm_confused_tokens_are_refused(provider):
    key, issuer = provider
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(oidc_claims(issuer), other, "RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError, match="invalid token"):
        sign_in(verifier_for(issuer), forged, SignInRpc())
    hs = jwt.encode(claims(), "s" * 40, "HS256")  # the dev secret: refused once OIDC is on
    with pytest.raises(AuthError):
        sign_in(verifier_for(issuer), hs, SignInRpc())
    assert sign_in(verifier_for(issuer, dev_login=True), hs, SignInRpc()).identity.user_id == "p1"


def test_a_refused_sign_in_is_an_auth_error_with_careers_reason(provider):
    key, issuer = provider
    token = jwt.encode(oidc_claims(issuer), key, "RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError, match="deactivated"):
        sign_in(verifier_for(issuer), token, SignInRpc(refuse="this account is deactivated"))


class Socket:
    """A live connection as gateway.live sees it: the app's verifier, a scope, close()."""

    def __init__(self, verifier: TokenVerifier):
        self.app = SimpleNamespace(state=SimpleNamespace(verifier=verifier))
        self.scope: dict = {}
        self.closed: tuple[int, str] | None = None

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def live_context(verifier: TokenVerifier, token: str, rpc) -> Context:
    return Context(rpc=rpc, identity=None, request=Socket(verifier),
                   connection_params={"authorization": f"Bearer {token}"})


def test_a_live_connection_signs_in_with_a_provider_token_and_is_rechecked(provider):
    key, issuer = provider
    verifier, rpc = verifier_for(issuer), SignInRpc()
    token_claims = oidc_claims(issuer)
    context = live_context(verifier, jwt.encode(token_claims, key, "RS256",
                                                headers={"kid": "k1"}), rpc)

    async def scenario():
        await live.connect(context, live.Connections())
        assert context.identity.user_id == "person-7"
        assert context.expires_at == token_claims["exp"]
        assert await live.still_signed_in(context)
        rpc.refuse = "this account is deactivated"
        verifier.oidc._people.clear()  # past the sign-in cache
        assert not await live.still_signed_in(context)

    asyncio.run(scenario())
    assert context.identity is None
    assert context.request.closed[0] == live.TOKEN_REFUSED
    assert "deactivated" in context.request.closed[1]


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_a_live_connection_with_a_bad_token_is_rejected(provider, token):
    _, issuer = provider
    context = live_context(verifier_for(issuer), token, SignInRpc())
    with pytest.raises(ConnectionRejectionError):
        asyncio.run(live.connect(context, live.Connections()))
    assert context.identity is None


def test_an_expired_live_connection_is_closed_at_the_next_delivery():
    verifier = TokenVerifier(dataclasses.replace(SETTINGS, dev_login=True))
    context = live_context(verifier, jwt.encode(claims(), "s" * 40, "HS256"), rpc=None)
    asyncio.run(live.connect(context, live.Connections()))
    context.expires_at = time.time() - 1
    assert not asyncio.run(live.still_signed_in(context))
    assert context.request.closed[0] == live.TOKEN_EXPIRED
