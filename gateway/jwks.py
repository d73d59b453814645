"""The OpenID provider's signing keys, by key id (kid), fetched off the event loop.

A token naming a kid the set does not hold makes the gateway fetch the key set again (the
provider rotated its keys), but at most once per KAIZEN_OIDC_JWKS_COOLDOWN seconds (30): a
caller inventing key ids gets refusals, not one fetch each. Callers that miss at the same
moment share one fetch. The fetch (urllib, 10 s timeout) runs in a worker thread; waiting for
it is an await, so the event loop keeps serving everyone else."""
from __future__ import annotations

import asyncio
import json
import math
import os
import time
import urllib.request
from collections.abc import Callable

import jwt

FETCH_TIMEOUT = 10.0


def jwks_cooldown() -> float:
    return float(os.environ.get("KAIZEN_OIDC_JWKS_COOLDOWN", "30"))


def fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310 (config)
        return json.load(answer)


class UnknownKey(LookupError):
    """No key of the provider has this id (after a fetch, or within the cooldown)."""


class KeySet:
    def __init__(self, uri: str, cooldown: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.uri, self.clock = uri, clock
        self.cooldown = jwks_cooldown() if cooldown is None else cooldown
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at = -math.inf
        self._fetching = asyncio.Lock()

    async def key(self, kid: str | None) -> jwt.PyJWK:
        """The key with this id; UnknownKey when the provider has none."""
        if kid in self._keys:
            return self._keys[kid]
        async with self._fetching:
            if kid not in self._keys and self.clock() - self._fetched_at >= self.cooldown:
                await self._fetch()
        if kid not in self._keys:
            raise UnknownKey(f"no signing key {kid!r} at the provider")
        return self._keys[kid]

    async def _fetch(self) -> None:
        self._fetched_at = self.clock()  # a failed fetch cools down too
        found = jwt.PyJWKSet.from_dict(await asyncio.to_thread(fetch_json, self.uri))
        self._keys = {key.key_id: key for key in found.keys}
