"""The provider's key set (gateway.jwks), against a real HTTP server publishing discovery and
a JWKS: an unknown key id makes one fetch, and another within the cooldown none; a rotated key
is found once the cooldown has passed; the event loop keeps running while a fetch waits."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from gateway.oidc import OidcRefused, OidcVerifier
from shared.settings import OidcSettings


def rsa_key(kid: str) -> tuple[object, dict]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    return private, {**public, "kid": kid, "use": "sig", "alg": "RS256"}


class Provider:
    """Discovery and a JWKS on loopback; counts the JWKS fetches; `hold` keeps the next
    JWKS answer back until released (or 5 s)."""

    def __init__(self):
        self.keys: list[dict] = []
        self.jwks_fetches = 0
        self.hold: threading.Event | None = None
        self.asked = threading.Event()
        self.released: bool | None = None
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.endswith("/.well-known/openid-configuration"):
                    body = {"issuer": provider.issuer, "jwks_uri": provider.issuer + "/jwks"}
                else:
                    provider.jwks_fetches += 1
                    provider.asked.set()
                    if provider.hold is not None:
                        provider.released = provider.hold.wait(5)  # False: timed out
                    body = {"keys": provider.keys}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, private, kid: str) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": "kaizen-portal", "sub": "u1", "iat": now,
                  "exp": now + 300}
        return jwt.encode(claims, private, "RS256", headers={"kid": kid})


@pytest.fixture
def provider():
    running = Provider()
    yield running
    running.server.shutdown()
    running.server.server_close()


def verifier(provider, cooldown: float) -> OidcVerifier:
    settings = OidcSettings(issuer=provider.issuer, client_id="kaizen-portal", audience=None,
                            scope="openid", groups_claim="groups", team_claim="team",
                            role_groups={}, allowed_domains=())
    return OidcVerifier(settings, jwks_cooldown=cooldown)


def test_an_unknown_key_id_twice_within_the_cooldown_fetches_the_key_set_once(provider):
    private, public = rsa_key("k1")
    provider.keys = [public]
    stranger, _ = rsa_key("nobody")
    oidc = verifier(provider, cooldown=60)

    async def scenario():
        assert (await oidc.claims(provider.token(private, "k1")))["sub"] == "u1"
        for kid in ("made-up-1", "made-up-2"):
            with pytest.raises(OidcRefused, match=f"no signing key '{kid}'"):
                await oidc.claims(provider.token(stranger, kid))
        assert (await oidc.claims(provider.token(private, "k1")))["sub"] == "u1"

    asyncio.run(scenario())
    assert provider.jwks_fetches == 1


def test_a_rotated_key_is_fetched_once_the_cooldown_has_passed(provider):
    old, old_public = rsa_key("old")
    new, new_public = rsa_key("new")
    provider.keys = [old_public]
    oidc = verifier(provider, cooldown=0)

    async def scenario():
        await oidc.claims(provider.token(old, "old"))
        provider.keys = [old_public, new_public]  # the provider rotates
        return await oidc.claims(provider.token(new, "new"))

    assert asyncio.run(scenario())["sub"] == "u1"
    assert provider.jwks_fetches == 2


def test_the_event_loop_runs_while_the_key_set_is_fetched(provider):
    private, public = rsa_key("k1")
    provider.keys, provider.hold = [public], threading.Event()
    oidc = verifier(provider, cooldown=60)

    async def scenario():
        verifying = asyncio.create_task(oidc.claims(provider.token(private, "k1")))
        while not provider.asked.is_set():  # this loop only turns if the fetch is awaited
            await asyncio.sleep(0.01)
        provider.hold.set()  # a fetch blocking the loop would time out first
        return await verifying

    assert asyncio.run(scenario())["sub"] == "u1"
    assert provider.released is True


def test_callers_missing_at_once_share_one_fetch(provider):
    private, public = rsa_key("k1")
    provider.keys = [public]
    oidc = verifier(provider, cooldown=60)

    async def scenario():
        return await asyncio.gather(*(oidc.claims(provider.token(private, "k1"))
                                      for _ in range(10)))

    assert len(asyncio.run(scenario())) == 10
    assert provider.jwks_fetches == 1
