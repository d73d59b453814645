"""Service tokens per identity and target, each reused for the first half of its lifetime.

Signing one costs tens of microseconds; a person's calls to one service within a minute
share one token. Reused only while at least half its TTL is left (60 s by default, far
above the RPC timeout), so a call never carries a token that may expire in flight. A change
of the settings (TTL, key directory) drops every cached token. At most ``maxsize`` tokens
are kept (the oldest go first). Thread-safe.
"""
from __future__ import annotations

import threading
import time

from shared import keys
from shared.identity import CONTEXT_KEY, Identity, signer
from shared.settings import AuthSettings


class ServiceTokens:
    def __init__(self, signed_by: str = "gateway", maxsize: int = 10_000) -> None:
        self.signed_by, self.maxsize = signed_by, maxsize
        self._settings: tuple | None = None
        self._tokens: dict[tuple[Identity, str], tuple[str, float]] = {}
        self._lock = threading.Lock()

    def context_for(self, identity: Identity, audience: str) -> dict:
        return {CONTEXT_KEY: self.token_for(identity, audience)}

    def token_for(self, identity: Identity, audience: str) -> str:
        settings = AuthSettings.from_env(), keys.keys_dir()
        now, key = time.time(), (identity, audience)
        with self._lock:
            if settings != self._settings:
                self._settings, self._tokens = settings, {}
            cached = self._tokens.get(key)
            if cached and now < cached[1]:
                return cached[0]
        ttl = settings[0].service_token_ttl
        token = signer(self.signed_by).token(identity, audience, ttl)
        with self._lock:
            self._tokens.pop(key, None)
            while len(self._tokens) >= self.maxsize:
                self._tokens.pop(next(iter(self._tokens)))
            self._tokens[key] = token, now + ttl / 2
        return token
