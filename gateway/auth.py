"""Who is calling: API tokens, the OpenID provider's tokens, development HS256 tokens; and
the sign-in permission of every root field."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

import jwt
from strawberry.permission import BasePermission

from gateway.errors import SIGN_IN_FIRST, SignInFirst
from gateway.oidc import OidcRefused, OidcVerifier
from shared.errors import DomainError
from shared.identity import ROLES, SYSTEM, Identity
from shared.settings import AuthSettings, OidcSettings

HS_ALGORITHMS = ["HS256"]
USER_TOKEN_TTL = 8 * 3600


API_TOKEN_PREFIX = "kz_"  # career's tokens.PREFIX of an API token


class AuthError(Exception):
    """The bearer token was present but unacceptable; the message is safe to show."""


@dataclass(frozen=True)
class Bearer:
    """Who sent the request. `scopes` is None for a person's own session (every field they
    may use), else an API token's scopes (gateway.scopes)."""

    identity: Identity
    scopes: tuple[str, ...] | None = None
    expires_at: float | None = None  # epoch seconds; None: until revoked


class TokenVerifier:
    """Three kinds of bearer: an integrator's API token (`kz_...`, looked up by career),
    the organisation's OpenID provider's token (gateway.oidc), and, in development or with
    no provider configured, an HS256 token signed with KAIZEN_JWT_SECRET."""

    def __init__(self, settings: AuthSettings, oidc: OidcSettings | None = None):
        self.settings = settings
        self.oidc = OidcVerifier(oidc) if oidc and oidc.enabled else None

    def verify(self, token: str) -> Identity:
        return self.verify_with_expiry(token)[0]

    def verify_with_expiry(self, token: str) -> tuple[Identity, float]:
        """An HS256 token (development sign-in, scripts): the identity and when the token
        expires (epoch seconds)."""
        try:
            claims = jwt.decode(
                token,
                key=self.settings.jwt_secret,
                algorithms=HS_ALGORITHMS,
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise AuthError("token expired: sign in again") from None
        except jwt.PyJWTError as exc:
            raise AuthError(f"invalid token: {exc}") from None
        if str(claims["sub"]) == SYSTEM.user_id:  # services' own identity, never a user's
            raise AuthError("invalid token: reserved subject")
        roles = tuple(r for r in claims.get("roles", ["employee"]) if r in ROLES)
        identity = Identity(user_id=str(claims["sub"]), roles=roles, team=claims.get("team"))
        return identity, float(claims["exp"])

    @property
    def accepts_hs256(self) -> bool:
        return self.oidc is None or self.settings.dev_login

    async def authenticate(self, header: str | None, rpc) -> Bearer | None:
        """The one way in, for HTTP requests and live connections alike: None without a
        header, else the bearer, or AuthError saying what is wrong."""
        token = self.bearer_token(header)
        if token is None:
            return None
        if token.startswith(API_TOKEN_PREFIX):
            return await api_token_bearer(token, rpc)
        if self.accepts_hs256 and _algorithm(token) in HS_ALGORITHMS:
            identity, expires_at = self.verify_with_expiry(token)
            return Bearer(identity, expires_at=expires_at)
        if self.oidc is None:
            raise AuthError("invalid token: the algorithm is not allowed")
        try:
            identity, expires_at = await self.oidc.identity(token, rpc)
            return Bearer(identity, expires_at=expires_at)
        except OidcRefused as exc:
            raise AuthError(str(exc)) from None

    @staticmethod
    def bearer_token(header: str | None) -> str | None:
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("expected 'Authorization: Bearer <token>'")
        return token.strip()


def _algorithm(token: str) -> str | None:
    try:
        return jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        raise AuthError(f"invalid token: {exc}") from None


async def api_token_bearer(secret: str, rpc) -> Bearer:
    """career finds the token by its secret's hash: unknown, revoked, expired, or its person
    deactivated, it is refused."""
    try:
        found = await rpc.call("career", "authenticate_api_token", secret, identity=SYSTEM)
    except DomainError as exc:
        raise AuthError(f"API token refused: {exc.message}") from None
    person = found["person"]
    identity = Identity(user_id=person["id"], roles=tuple(person["roles"]), team=person["team"])
    return Bearer(identity, scopes=tuple(found["scopes"]),
                  expires_at=_end_of(found["expires_on"]))


def _end_of(day: str | None) -> float | None:
    """A token is good through its expiry day (UTC)."""
    if day is None:
        return None
    return datetime.combine(date.fromisoformat(day) + timedelta(days=1), dtime.min,
                            tzinfo=UTC).timestamp()


def issue_dev_token(person: dict, settings: AuthSettings) -> str:
    """Development sign-in only (KAIZEN_DEV_LOGIN=1): a token for a seeded person."""
    now = int(time.time())
    claims = {
        "sub": person["id"],
        "email": person["email"],
        "name": person["name"],
        "roles": person["roles"],
        "team": person.get("team"),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + USER_TOKEN_TTL,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


class IsSignedIn(BasePermission):
    """The caller sent a valid bearer token. Refused, a query fails UNAUTHENTICATED and a
    mutation answers PermissionDeniedError (gateway.errors.SignInFirstAnswer)."""

    message = SIGN_IN_FIRST

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return info.context.identity is not None

    def on_unauthorized(self) -> None:
        raise SignInFirst()
