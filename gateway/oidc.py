"""Tokens of the organisation's OpenID provider: discovery, signature checked against its
JWKS, issuer and audience checked, then the person they name (career's `sign_in`: found by
(iss, sub), else by verified e-mail, else created just in time). A person is looked up once
per token and remembered briefly, so a deactivation takes effect within SIGN_IN_CACHE."""
from __future__ import annotations

import asyncio
import hashlib
import time

import jwt

from gateway.jwks import KeySet, UnknownKey, fetch_json
from shared.errors import DomainError
from shared.identity import SYSTEM, Identity
from shared.settings import OidcSettings

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
SIGN_IN_CACHE = 60.0  # seconds a token's person is remembered
CLAIMS_FORWARDED = ("iss", "sub", "email", "email_verified", "name")


class OidcRefused(Exception):
    """The token is not acceptable; the message is safe to show."""


class OidcVerifier:
    def __init__(self, settings: OidcSettings, jwks_cooldown: float | None = None):
        self.settings = settings
        self._discovery: dict | None = None
        self._keys: KeySet | None = None
        self._jwks_cooldown = jwks_cooldown
        self._discovering = asyncio.Lock()
        self._people: dict[str, tuple[float, Identity, float]] = {}

    async def discovery(self) -> dict:
        """The provider's metadata (/.well-known/openid-configuration), fetched once, off
        the event loop."""
        async with self._discovering:
            if self._discovery is None:
                url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
                found = await asyncio.to_thread(fetch_json, url)
                self._keys = KeySet(found["jwks_uri"], self._jwks_cooldown)
                self._discovery = found
        return self._discovery

    async def claims(self, token: str) -> dict:
        """The verified claims; raises OidcRefused naming what is wrong."""
        try:
            issuer = (await self.discovery())["issuer"]
            key = await self._keys.key(jwt.get_unverified_header(token).get("kid"))
            return jwt.decode(token, key=key.key, algorithms=ALGORITHMS, issuer=issuer,
                              audience=self.settings.expected_audience, leeway=30,
                              options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.ExpiredSignatureError:
            raise OidcRefused("token expired: sign in again") from None
        except jwt.InvalidAudienceError:
            raise OidcRefused("invalid token: it is meant for another audience") from None
        except UnknownKey as exc:
            raise OidcRefused(f"invalid token: {exc}") from None
        except (jwt.PyJWTError, OSError, KeyError, ValueError) as exc:
            raise OidcRefused(f"invalid token: {exc}") from None

    async def identity(self, token: str, rpc) -> tuple[Identity, float]:
        """The person the token names and when it expires (epoch seconds)."""
        key = hashlib.sha256(token.encode()).hexdigest()
        cached = self._people.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1], cached[2]
        claims = await self.claims(token)
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
