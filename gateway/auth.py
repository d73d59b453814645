"""Who is calling: users' bearer JWTs verified (HS256 by default, RS256 via JWKS when
configured), and the sign-in permission of every root field."""
from __future__ import annotations

import time
from typing import Any

import jwt
from strawberry.permission import BasePermission

from gateway.errors import SIGN_IN_FIRST, SignInFirst
from shared.identity import ROLES, SYSTEM, Identity
from shared.settings import AuthSettings

HS_ALGORITHMS = ["HS256"]
RS_ALGORITHMS = ["RS256"]
USER_TOKEN_TTL = 8 * 3600


class AuthError(Exception):
    """The bearer token was present but unacceptable; the message is safe to show."""


class TokenVerifier:
    def __init__(self, settings: AuthSettings):
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url) if settings.jwks_url else None

    def verify(self, token: str) -> Identity:
        return self.verify_with_expiry(token)[0]

    def verify_with_expiry(self, token: str) -> tuple[Identity, float]:
        """The identity and when the token expires (epoch seconds)."""
        try:
            claims = jwt.decode(
                token,
                key=self._key_for(token),
                algorithms=RS_ALGORITHMS if self._jwks else HS_ALGORITHMS,
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

    def _key_for(self, token: str):
        if self._jwks:
            return self._jwks.get_signing_key_from_jwt(token).key
        return self.settings.jwt_secret

    def identity_from_header(self, header: str | None) -> Identity | None:
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("expected 'Authorization: Bearer <token>'")
        return self.verify(token.strip())


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
