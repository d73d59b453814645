"""Per-person rate limits: a token bucket for each person and kind of call, held in the
gateway process (so each gateway pod counts on its own: with N pods a person may make up to N
times as many calls).

Every root field of a query or mutation takes one token from the caller's bucket of its kind:
`model` (the fields that run the sentence model or rank with it on every call), `mutation`,
or `read`. A bucket holds `burst` tokens and gains `per_minute` a minute. An empty bucket
refuses the field with RateLimited, which a mutation answers as RateLimitedError in its union
and a query as an error with code RATE_LIMITED; both say in how many seconds a token is back.
Signed-out calls are not counted (they are refused as such)."""
from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from strawberry.extensions import FieldExtension

from gateway.errors import RateLimited

MODEL, MUTATION, READ = "model", "mutation", "read"
# Root query fields that run the model (or rank with it) on every call, by Python name.
MODEL_FIELDS = frozenset({"similar_ideas", "similar_experiments", "recommended_opportunities",
                          "suggested_mentors"})
KEPT_BUCKETS = 50_000  # above this many, full buckets (idle people) are forgotten


@dataclass(frozen=True)
class Rate:
    burst: int
    per_minute: float


DEFAULT_RATES = {MODEL: Rate(30, 60), MUTATION: Rate(60, 120), READ: Rate(600, 1200)}


def rates_from_env() -> dict[str, Rate] | None:
    """KAIZEN_RATE_<KIND>_BURST and KAIZEN_RATE_<KIND>_PER_MINUTE for model, mutation and
    read; KAIZEN_RATE_LIMITS=0 turns every limit off (None)."""
    if os.environ.get("KAIZEN_RATE_LIMITS", "1") == "0":
        return None
    rates = {}
    for kind, default in DEFAULT_RATES.items():
        prefix = f"KAIZEN_RATE_{kind.upper()}"
        rates[kind] = Rate(int(os.environ.get(f"{prefix}_BURST", default.burst)),
                           float(os.environ.get(f"{prefix}_PER_MINUTE", default.per_minute)))
    return rates


class RateLimits:
    def __init__(self, rates: dict[str, Rate], clock: Callable[[], float] = time.monotonic):
        self.rates, self.clock = rates, clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # (tokens, at)

    def take(self, person: str, kind: str) -> int:
        """0 when a token was taken, else the whole seconds until one is back."""
        rate, now = self.rates[kind], self.clock()
        tokens = self._tokens(person, kind, now)
        self._keep((person, kind), (tokens - 1 if tokens >= 1 else tokens, now))
        if tokens >= 1:
            return 0
        if rate.per_minute <= 0:
            return 60
        return max(1, math.ceil((1 - tokens) * 60 / rate.per_minute))

    def _tokens(self, person: str, kind: str, now: float) -> float:
        rate = self.rates[kind]
        tokens, at = self._buckets.get((person, kind), (rate.burst, now))
        return min(rate.burst, tokens + (now - at) * rate.per_minute / 60)

    def _keep(self, key: tuple[str, str], bucket: tuple[float, float]) -> None:
        if key not in self._buckets and len(self._buckets) >= KEPT_BUCKETS:
            now = self.clock()
            self._buckets = {k: v for k, v in self._buckets.items()
                             if self._tokens(*k, now) < self.rates[k[1]].burst}
        self._buckets[key] = bucket


class RateLimit(FieldExtension):
    """On a root field: takes a token of `kind` from the caller's bucket before it resolves."""

    def __init__(self, kind: str):
        self.kind = kind

    def resolve(self, next_, source, info, **kwargs):
        self._take(info)
        return next_(source, info, **kwargs)

    async def resolve_async(self, next_, source, info, **kwargs):
        self._take(info)
        return await next_(source, info, **kwargs)

    def _take(self, info) -> None:
        limits, identity = info.context.rate_limits, info.context.identity
        if limits is None or identity is None:
            return
        wait = limits.take(identity.user_id, self.kind)
        if wait:
            raise RateLimited(wait)


def limit_root_fields(query: type, mutation: type) -> None:
    """Puts RateLimit on every field of the root types (once, however often it is called)."""
    for root, kind_of in ((query, lambda f: MODEL if f.python_name in MODEL_FIELDS else READ),
                          (mutation, lambda f: MUTATION)):
        for field in root.__strawberry_definition__.fields:
            if not any(isinstance(e, RateLimit) for e in field.extensions):
                field.extensions.append(RateLimit(kind_of(field)))
