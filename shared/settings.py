"""Settings read from the environment, with embedded defaults for a laptop."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from shared.production import secret

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("career", "ideas", "experiments", "reflections", "insights", "notifications", "growth")


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def var_dir() -> Path:
    return Path(_env("KAIZEN_VAR_DIR", str(ROOT / "var")))


def db_url(service: str) -> str:
    """One database per service: KAIZEN_<SERVICE>_DB_URL, else a SQLite file under var/."""
    default = f"sqlite:///{var_dir() / f'{service}.db'}"
    return _env(f"KAIZEN_{service.upper()}_DB_URL", default)


def amqp_uri() -> str:
    return _env("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")


@dataclass(frozen=True)
class AuthSettings:
    jwt_secret: str
    jwt_issuer: str
    jwt_audience: str
    service_token_ttl: int
    dev_login: bool

    @classmethod
    def from_env(cls) -> AuthSettings:
        return cls(
            jwt_secret=secret("KAIZEN_JWT_SECRET"),
            jwt_issuer=_env("KAIZEN_JWT_ISSUER", "kaizen-dev"),
            jwt_audience=_env("KAIZEN_JWT_AUDIENCE", "kaizen"),
            service_token_ttl=int(_env("KAIZEN_SERVICE_TOKEN_TTL", "120")),
            dev_login=_env("KAIZEN_DEV_LOGIN", "0") == "1",
        )


DEFAULT_ROLE_GROUPS = "kaizen-reviewers=reviewer,kaizen-managers=manager,kaizen-admins=admin"


def _pairs(raw: str) -> dict[str, str]:
    """"a=b,c=d" -> {"a": "b", "c": "d"}"""
    pairs = (item.split("=", 1) for item in raw.split(",") if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


@dataclass(frozen=True)
class OidcSettings:
    """Sign-in through the organisation's OpenID provider (docs/identity.md)."""

    issuer: str | None
    client_id: str | None
    audience: str | None  # the access token's, when the portal sends that instead
    scope: str
    groups_claim: str
    team_claim: str
    role_groups: dict[str, str]  # group name -> Kaizen role
    allowed_domains: tuple[str, ...]  # empty: any

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)

    @property
    def expected_audience(self) -> str | None:
        return self.audience or self.client_id

    @classmethod
    def from_env(cls) -> OidcSettings:
        domains = _env("KAIZEN_OIDC_ALLOWED_DOMAINS", "")
        return cls(
            issuer=os.environ.get("KAIZEN_OIDC_ISSUER") or None,
            client_id=os.environ.get("KAIZEN_OIDC_CLIENT_ID") or None,
            audience=os.environ.get("KAIZEN_OIDC_AUDIENCE") or None,
            scope=_env("KAIZEN_OIDC_SCOPE", "openid profile email"),
            groups_claim=_env("KAIZEN_OIDC_GROUPS_CLAIM", "groups"),
            team_claim=_env("KAIZEN_OIDC_TEAM_CLAIM", "team"),
            role_groups=_pairs(_env("KAIZEN_OIDC_ROLE_GROUPS", DEFAULT_ROLE_GROUPS)),
            allowed_domains=tuple(d.strip().lstrip("@").casefold()
                                  for d in domains.split(",") if d.strip()),
        )


def rpc_timeout() -> float:
    return float(_env("KAIZEN_RPC_TIMEOUT", "10"))


def amqp_heartbeat() -> int:
    """Seconds between AMQP heartbeats on the gateway's connections (KAIZEN_AMQP_HEARTBEAT):
    a broker that vanished without closing the socket is noticed within about twice that."""
    return int(_env("KAIZEN_AMQP_HEARTBEAT", "30"))


def deployed_services() -> list[str]:
    """Services the gateway expects to answer: KAIZEN_SERVICES, else every one in the tree."""
    listed = os.environ.get("KAIZEN_SERVICES")
    if listed:
        return [s.strip() for s in listed.split(",") if s.strip()]
    return [s for s in SERVICES if (ROOT / "services" / s / "service.py").exists()]


@dataclass(frozen=True)
class EventRetry:
    """How a failed event handler is retried before its event is parked."""

    attempts: int  # handlings in all, the first one included
    first_delay: float  # seconds before the first retry; doubled for each next one
    max_delay: float

    @classmethod
    def from_env(cls) -> EventRetry:
        return cls(attempts=int(_env("KAIZEN_EVENT_ATTEMPTS", "5")),
                   first_delay=float(_env("KAIZEN_EVENT_RETRY_DELAY", "1")),
                   max_delay=float(_env("KAIZEN_EVENT_RETRY_MAX_DELAY", "60")))

    def delay(self, failures: int) -> float:
        """Seconds to wait after the `failures`-th failed handling."""
        return min(self.first_delay * 2 ** (failures - 1), self.max_delay)


def queue_type() -> str:
    """`classic` (development, tests) or `quorum` (the production overlay)."""
    kind = _env("KAIZEN_QUEUE_TYPE", "classic")
    if kind not in ("classic", "quorum"):
        raise ValueError(f"KAIZEN_QUEUE_TYPE must be classic or quorum, not {kind!r}")
    return kind


def delivery_limit() -> int:
    """Quorum queues: deliveries of one message before the broker dead-letters it (a
    message that kills its consumer before the handler can record a failure)."""
    return int(_env("KAIZEN_DELIVERY_LIMIT", "20"))


def outbox_retry() -> tuple[float, float]:
    """(first, longest) seconds an event waits after a failed publish; doubling between."""
    return (float(_env("KAIZEN_OUTBOX_RETRY_DELAY", "2")),
            float(_env("KAIZEN_OUTBOX_RETRY_MAX_DELAY", "300")))


def outbox_retention_days() -> float:
    """Published outbox rows and processed inbox rows are purged after this many days."""
    return float(_env("KAIZEN_OUTBOX_RETENTION_DAYS", "14"))


def idempotency_retention() -> timedelta:
    """How long a mutation's idempotency key answers a retry (shared.idempotency)."""
    return timedelta(hours=float(_env("KAIZEN_IDEMPOTENCY_HOURS", "24")))


def retry_after_seconds() -> int:
    """What a ServiceUnavailableError tells the client to wait before retrying."""
    return int(_env("KAIZEN_RETRY_AFTER_SECONDS", "5"))
