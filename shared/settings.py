"""Settings read from the environment, with embedded defaults for a laptop."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
    jwks_url: str | None
    service_token_secret: str
    service_token_ttl: int
    dev_login: bool

    @classmethod
    def from_env(cls) -> AuthSettings:
        return cls(
            jwt_secret=_env("KAIZEN_JWT_SECRET", "dev-only-jwt-secret-change-me-0123456789"),
            jwt_issuer=_env("KAIZEN_JWT_ISSUER", "kaizen-dev"),
            jwt_audience=_env("KAIZEN_JWT_AUDIENCE", "kaizen"),
            jwks_url=os.environ.get("KAIZEN_JWKS_URL") or None,
            service_token_secret=_env(
                "KAIZEN_SERVICE_TOKEN_SECRET", "dev-only-service-secret-change-me-0123456789"
            ),
            service_token_ttl=int(_env("KAIZEN_SERVICE_TOKEN_TTL", "120")),
            dev_login=_env("KAIZEN_DEV_LOGIN", "0") == "1",
        )


def rpc_timeout() -> float:
    return float(_env("KAIZEN_RPC_TIMEOUT", "10"))


def deployed_services() -> list[str]:
    """Services the gateway expects to answer: KAIZEN_SERVICES, else every one in the tree."""
    listed = os.environ.get("KAIZEN_SERVICES")
    if listed:
        return [s.strip() for s in listed.split(",") if s.strip()]
    return [s for s in SERVICES if (ROOT / "services" / s / "service.py").exists()]
