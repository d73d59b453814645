"""Verifying a service token at the service it is addressed to (see shared.identity)."""
from __future__ import annotations

import threading
import time

import jwt
from nameko.extensions import DependencyProvider

from shared import keys, trust
from shared.errors import Unauthenticated
from shared.identity import ALGORITHM, CONTEXT_KEY, ROLES, Identity
from shared.production import refuse_unsafe_start

RELOAD_AFTER = 10.0  # seconds between re-reads of the key set for an unknown key id
REMEMBERED = 4096  # verified tokens kept (the gateway reuses one per person for a minute)


class Verifier:
    """The published public keys, and the tokens already verified with them.

    An unknown key id re-reads the key directory (a rotated key published since the start),
    at most once per RELOAD_AFTER seconds, so a stream of made-up ids costs no disk reads.
    """

    def __init__(self, audience: str, directory=None) -> None:
        self.audience, self.directory = audience, directory
        self._keys = keys.public_keys(directory)
        self._loaded = time.monotonic() - RELOAD_AFTER  # the first unknown id re-reads
        self._verified: dict[str, tuple[Identity, str, int]] = {}
        self._lock = threading.Lock()

    def verify(self, token: str, method: str | None) -> Identity:
        """The identity `token` carries for a call of `method`; raises Unauthenticated."""
        identity, kid, expires = self._verified.get(token) or self._decode(token)
        if kid not in self._keys or time.time() >= expires:
            self._verified.pop(token, None)
            raise Unauthenticated("invalid service token: expired or its key was retired")
        if not trust.may_call(keys.signer_of(kid), self.audience, method):
            raise Unauthenticated(f"invalid service token: {keys.signer_of(kid)} may not "
                                  f"call {self.audience}.{method}")
        return identity

    def _decode(self, token: str) -> tuple[Identity, str, int]:
        try:
            kid = str(jwt.get_unverified_header(token).get("kid") or "")
            claims = jwt.decode(token, self._key(kid), algorithms=[ALGORITHM],
                                audience=self.audience, issuer=keys.signer_of(kid),
                                options={"require": ["exp", "iat", "sub", "aud", "iss"]})
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"invalid service token: {exc}") from None
        roles = tuple(r for r in claims.get("roles", []) if r in ROLES)
        found = Identity(str(claims["sub"]), roles, claims.get("team")), kid, int(claims["exp"])
        with self._lock:
            while len(self._verified) >= REMEMBERED:
                self._verified.pop(next(iter(self._verified)))
            self._verified[token] = found
        return found

    def _key(self, kid: str):
        if kid not in self._keys and time.monotonic() - self._loaded >= RELOAD_AFTER:
            self._keys, self._loaded = keys.public_keys(self.directory), time.monotonic()
        if kid not in self._keys:
            raise jwt.InvalidKeyError(f"unknown key id {kid!r}")
        return self._keys[kid]


_verifiers: dict[tuple[str, str], Verifier] = {}


def verifier_for(audience: str) -> Verifier:
    """The process's verifier for `audience` and the current key directory (one cache of
    verified tokens for the service's Caller and its RpcProxies)."""
    key = (audience, str(keys.keys_dir()))
    if key not in _verifiers:
        _verifiers[key] = Verifier(audience)
    return _verifiers[key]


class CallerProxy:
    """What a worker sees as ``self.caller``: the verified identity, or None."""

    def __init__(self, token: str | None, verifier: Verifier, method: str | None):
        self.token, self._verifier, self._method = token, verifier, method
        self._identity: Identity | None = None

    @property
    def identity(self) -> Identity | None:
        if self._identity is None and self.token:
            self._identity = self._verifier.verify(self.token, self._method)
        return self._identity

    def require(self) -> Identity:
        identity = self.identity
        if identity is None:
            raise Unauthenticated("sign in to do this")
        return identity


class Caller(DependencyProvider):
    """Verifies the service token carried in the call context, lazily, per worker, for
    the service and the entrypoint called."""

    def setup(self) -> None:
        refuse_unsafe_start(self.container.service_name)  # KAIZEN_ENV=production
        self.verifier = verifier_for(self.container.service_name)

    def get_dependency(self, worker_ctx) -> CallerProxy:
        return CallerProxy(worker_ctx.data.get(CONTEXT_KEY), self.verifier,
                           worker_ctx.entrypoint.method_name)
