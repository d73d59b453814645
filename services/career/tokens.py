"""Rules of machine tokens: an integrator's API token (a person's, scoped) and a SCIM
provisioning client's. A secret is random (256 bits), shown once, and only its SHA-256 is
kept: a high-entropy secret needs no slow hash, and a lookup by hash is exact."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from shared.errors import Unauthenticated

API, PROVISIONING = "api", "provisioning"
PREFIX = {API: "kz_", PROVISIONING: "kzscim_"}
SCOPES = ("READ", "WRITE_IDEAS", "WRITE_EXPERIMENTS", "WRITE_CAREER", "WRITE_REFLECTIONS")


def new_secret(kind: str) -> str:
    return PREFIX[kind] + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class TokenState:
    kind: str
    revoked_at: datetime | None
    expires_on: date | None


def check_usable(token: TokenState | None, kind: str, today: date) -> None:
    """Raises Unauthenticated for an unknown, other-kind, revoked or expired token (the
    token is good through its expiry day)."""
    if token is None or token.kind != kind:
        raise Unauthenticated("unknown token")
    if token.revoked_at is not None:
        raise Unauthenticated("this token was revoked")
    if token.expires_on is not None and token.expires_on < today:
        raise Unauthenticated(f"this token expired on {token.expires_on.isoformat()}")
