"""Tokens of the organisation's OpenID provider: discovery, signature checked against its
JWKS, issuer and audience checked, then the person they name (career's `sign_in`: found by
(iss, sub), else by verified e-mail, else created just in time). A person is looked up once
per token and remembered briefly, so a deactivation takes effect within SIGN_IN_CACHE."""
from __future__ import annotations

import asyncio
import hashlib
import json
import time
import urllib.request

import jwt

from shared.errors import DomainError
from shared.identity import SYSTEM, Identity
from shared.settings import OidcSettings

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
SIGN_IN_CACHE = 60.0  # seconds a token's person is remembered
CLAIMS_FORWARDED = ("iss", "sub", "email", "email_verified", "name")


class OidcRefused(Exception):
    """The token is not acceptable; the message is safe to show."""


class OidcVerifier:
    def __init__(self, settings: OidcSettings):
        self.settings = settings
        self._discovery: dict | None = None
        self._jwks: jwt.PyJWKClient | None = None
        self._people: dict[str, tuple[float, Identity, float]] = {}

    def discovery(self) -> dict:
        """The provider's metadata (/.well-known/openid-configuration), fetched once."""
        if self._discovery is None:
            url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
            with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (config)
                self._discovery = json.load(answer)
            self._jwks = jwt.PyJWKClient(self._discovery["jwks_uri"], cache_keys=True)
        return self._discovery

    def claims(self, token: str) -> dict:
        """The verified claims; raises OidcRefused naming what is wrong."""
        try:
            issuer = self.discovery()["issuer"]
            key = self._jwks.get_signing_key_from_jwt(token).key
            return jwt.decode(token, key=key, algorithms=ALGORITHMS, issuer=issuer,
                              audience=self.settings.expected_audience, leeway=30,
                              options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.ExpiredSignatureError:
            raise OidcRefused("token expired: sign in again") from None
        except jwt.InvalidAudienceError:
            raise OidcRefused("invalid token: it is meant for another audience") from None
        except (jwt.PyJWTError, OSError, KeyError, ValueError) as exc:
            raise OidcRefused(f"invalid token: {exc}") from None

    async def identity(self, token: str, rpc) -> tuple[Identity, float]:
        """The person the token names and when it expires (epoch seconds)."""
        key = hashlib.sha256(token.encode()).hexdigest()
        cached = self._people.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1], cached[2]
        claims = await asyncio.to_thread(self.claims, token)
        try:
            person = await rpc.call("career", "sign_in", self.forwarded(claims), identity=SYSTEM)
        except DomainError as exc:
            raise OidcRefused(f"sign-in refused: {exc}") from None
        identity = Identity(user_id=person["id"], roles=tuple(person["roles"]),
                            team=person["team"])
        self._remember(key, identity, claims["exp"])
        return identity, float(claims["exp"])

    def forwarded(self, claims: dict) -> dict:
        names = (*CLAIMS_FORWARDED, self.settings.groups_claim, self.settings.team_claim)
        return {name: claims[name] for name in names if name in claims}

    def _remember(self, key: str, identity: Identity, exp: int) -> None:
        now = time.monotonic()
        self._people = {k: v for k, v in self._people.items() if v[0] > now}
        self._people[key] = (now + min(SIGN_IN_CACHE, max(0, exp - time.time())), identity,
                             float(exp))
