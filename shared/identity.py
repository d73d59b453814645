"""The identity that travels with every call.

The gateway verifies the user's JWT, then forwards a short-lived *service token* in nameko's
call context (key ``auth``). Anyone who can publish to the broker could forge plain headers,
so services trust ``user_id`` and ``roles`` only after verifying that token: an Ed25519
signature (EdDSA) by a key whose id (``kid``) is published (shared.keys), from a signer the
target accepts for the method called (shared.trust), addressed to the target (``aud``, the
service's name) and not expired. Services hold public keys only, except a service that
calls another for a person: it signs the onward token with a key of its own (shared.rpc).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import jwt

from shared import keys
from shared.errors import PermissionDenied
from shared.settings import AuthSettings

CONTEXT_KEY = "auth"
ALGORITHM = "EdDSA"
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


class Signer:
    """Signs service tokens with the newest private key of `name` (read once)."""

    def __init__(self, name: str, directory=None) -> None:
        self.name = name
        self.kid, self._key = keys.signing_key(name, directory)

    def token(self, identity: Identity, audience: str, ttl: int) -> str:
        now = int(time.time())
        claims = {"sub": identity.user_id, "roles": list(identity.roles), "team": identity.team,
                  "iss": self.name, "aud": audience, "iat": now, "exp": now + ttl}
        return jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self.kid})


_signers: dict[tuple[str, str], Signer] = {}


def signer(name: str) -> Signer:
    """The process's signer `name` for the current key directory, loaded once."""
    key = (name, str(keys.keys_dir()))
    if key not in _signers:
        _signers[key] = Signer(name)
    return _signers[key]


def mint_service_token(identity: Identity, audience: str, signed_by: str = "gateway",
                       settings: AuthSettings | None = None) -> str:
    ttl = (settings or AuthSettings.from_env()).service_token_ttl
    return signer(signed_by).token(identity, audience, ttl)


def context_for(identity: Identity, audience: str, signed_by: str = "admin") -> dict:
    """Call-context data for one call to `audience` made as `identity` (see also
    shared.rpc.cluster_proxy, which signs for whichever service it calls)."""
    return {CONTEXT_KEY: mint_service_token(identity, audience, signed_by)}
