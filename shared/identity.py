"""The identity that travels with every call.

The gateway verifies the user's JWT, then forwards a short-lived *service token* in nameko's
call context (key ``auth``). Anyone who can publish to the broker could forge plain headers,
so services trust ``user_id`` and ``roles`` only after verifying that token's signature.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import jwt
from nameko.extensions import DependencyProvider

from shared.errors import PermissionDenied, Unauthenticated
from shared.production import refuse_unsafe_start
from shared.settings import AuthSettings

CONTEXT_KEY = "auth"
SERVICE_AUDIENCE = "kaizen-services"
SERVICE_ISSUER = "kaizen-gateway"
ROLES = ("employee", "reviewer", "manager", "coordinator", "admin")


@dataclass(frozen=True)
class Identity:
    user_id: str
    roles: tuple[str, ...] = field(default_factory=tuple)
    team: str | None = None

    def has(self, role: str) -> bool:
        return role in self.roles or "admin" in self.roles

    def require(self, role: str) -> None:
        if not self.has(role):
            raise PermissionDenied(f"this needs the {role} role")


SYSTEM = Identity(user_id="system", roles=("admin",))


def mint_service_token(identity: Identity, settings: AuthSettings | None = None) -> str:
    settings = settings or AuthSettings.from_env()
    now = int(time.time())
    claims = {
        "sub": identity.user_id,
        "roles": list(identity.roles),
        "team": identity.team,
        "iss": SERVICE_ISSUER,
        "aud": SERVICE_AUDIENCE,
        "iat": now,
        "exp": now + settings.service_token_ttl,
    }
    return jwt.encode(claims, settings.service_token_secret, algorithm="HS256")


def verify_service_token(token: str, settings: AuthSettings | None = None) -> Identity:
    settings = settings or AuthSettings.from_env()
    try:
        claims = jwt.decode(
            token,
            settings.service_token_secret,
            algorithms=["HS256"],
            audience=SERVICE_AUDIENCE,
            issuer=SERVICE_ISSUER,
            options={"require": ["exp", "sub", "aud", "iss"]},
        )
    except jwt.PyJWTError as exc:
        raise Unauthenticated(f"invalid service token: {exc}") from None
    roles = tuple(r for r in claims.get("roles", []) if r in ROLES)
    return Identity(user_id=str(claims["sub"]), roles=roles, team=claims.get("team"))


class CallerProxy:
    """What a worker sees as ``self.caller``: the verified identity, or None."""

    def __init__(self, token: str | None, settings: AuthSettings):
        self._token = token
        self._settings = settings
        self._identity: Identity | None = None

    @property
    def identity(self) -> Identity | None:
        if self._identity is None and self._token:
            self._identity = verify_service_token(self._token, self._settings)
        return self._identity

    def require(self) -> Identity:
        identity = self.identity
        if identity is None:
            raise Unauthenticated("sign in to do this")
        return identity


class Caller(DependencyProvider):
    """Verifies the service token carried in the call context, lazily, per worker."""

    def setup(self) -> None:
        refuse_unsafe_start(self.container.service_name)  # KAIZEN_ENV=production
        self.settings = AuthSettings.from_env()

    def get_dependency(self, worker_ctx) -> CallerProxy:
        return CallerProxy(worker_ctx.data.get(CONTEXT_KEY), self.settings)


def context_for(identity: Identity) -> dict:
    """Call-context data for a standalone RPC client acting as `identity`."""
    return {CONTEXT_KEY: mint_service_token(identity)}


class ServiceTokens:
    """Service tokens per identity, each reused for the first half of its lifetime.

    Signing one costs tens of microseconds per call; a person's requests within a minute
    share one token. Reused only while at least half its TTL is left (60 s by default, far
    above the RPC timeout), so a call never carries a token that may expire in flight. A
    change of the settings (secret, TTL) drops every cached token. At most ``maxsize``
    identities are kept (the oldest go first). Thread-safe.
    """

    def __init__(self, maxsize: int = 10_000) -> None:
        self.maxsize = maxsize
        self._settings: AuthSettings | None = None
        self._tokens: dict[Identity, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def context_for(self, identity: Identity) -> dict:
        return {CONTEXT_KEY: self.token_for(identity)}

    def token_for(self, identity: Identity) -> str:
        settings = AuthSettings.from_env()
        now = time.time()
        with self._lock:
            if settings != self._settings:
                self._settings, self._tokens = settings, {}
            cached = self._tokens.get(identity)
            if cached and now < cached[1]:
                return cached[0]
        token = mint_service_token(identity, settings)
        with self._lock:
            self._tokens.pop(identity, None)
            while len(self._tokens) >= self.maxsize:
                self._tokens.pop(next(iter(self._tokens)))
            self._tokens[identity] = token, now + settings.service_token_ttl / 2
        return token
