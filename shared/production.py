"""KAIZEN_ENV: `development` (the default: a laptop, the tests) or `production` (the prod
overlay and docker-compose.yml set it). In production the gateway and every service refuse to
start while a secret they use is the public development default, empty, or still a `change-me`
placeholder of .env.example; the error names each such setting."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

ENVIRONMENTS = ("development", "production")
# The public development defaults (shared/settings.py, services/notifications/unsubscribe.py).
# Service tokens are signed with keys made per checkout or mounted per deployment
# (shared/keys.py): none of them is in the repository.
DEVELOPMENT_SECRETS = {
    "KAIZEN_JWT_SECRET": "dev-only-jwt-secret-change-me-0123456789",
    "KAIZEN_UNSUBSCRIBE_SECRET": "dev-only-unsubscribe-secret-change-me",
}
PLACEHOLDER = "change-me"
DEVELOPMENT_BROKER_PASSWORD = "dev-only-broker-"  # shared.broker_setup's default passwords
# The secrets of this kind each process uses (a service not named here uses none).
SECRETS_OF = {
    "gateway": ("KAIZEN_JWT_SECRET",),
    "notifications": ("KAIZEN_UNSUBSCRIBE_SECRET",),
}


class UnsafeSettings(RuntimeError):
    """A production process would start with settings anyone can read in this repository."""


def environment(env: Mapping[str, str] = os.environ) -> str:
    kind = env.get("KAIZEN_ENV", "development").strip() or "development"
    if kind not in ENVIRONMENTS:
        raise UnsafeSettings(f"KAIZEN_ENV must be development or production, not {kind!r}")
    return kind


def is_production(env: Mapping[str, str] = os.environ) -> bool:
    return environment(env) == "production"


def secret(name: str, env: Mapping[str, str] = os.environ) -> str:
    """The secret's value, else its development default."""
    return env.get(name, DEVELOPMENT_SECRETS[name])


def unsafe_settings(secrets: Iterable[str], env: Mapping[str, str] = os.environ) -> list[str]:
    """What production refuses, one line each: the secrets left at their development default,
    empty or a placeholder, and any other KAIZEN_ or AMQP setting holding a placeholder."""
    names = list(secrets)
    problems = [f"{name} is {_why(secret(name, env), DEVELOPMENT_SECRETS[name])}"
                for name in names if _why(secret(name, env), DEVELOPMENT_SECRETS[name])]
    problems += [f"{name} holds the {PLACEHOLDER!r} placeholder of .env.example"
                 for name, value in sorted(env.items())
                 if name not in names and (name.startswith("KAIZEN_") or name == "AMQP_URI")
                 and PLACEHOLDER in value]
    if DEVELOPMENT_BROKER_PASSWORD in env.get("AMQP_URI", ""):
        problems.append("AMQP_URI holds a development broker password (dev-only-broker-…)")
    if env.get("KAIZEN_DEV_LOGIN") == "1":
        problems.append("KAIZEN_DEV_LOGIN=1 lets anyone sign in as anyone")
    return problems


def _why(value: str, default: str) -> str | None:
    if value == default:
        return "the public development default"
    if not value.strip():
        return "empty"
    if PLACEHOLDER in value:
        return f"still the {PLACEHOLDER!r} placeholder of .env.example"
    return None


def refuse_unsafe_start(process: str, env: Mapping[str, str] = os.environ) -> None:
    """Raises UnsafeSettings naming every unsafe setting, in production only."""
    if not is_production(env):
        return
    problems = unsafe_settings(SECRETS_OF.get(process, ()), env)
    if problems:
        raise UnsafeSettings(f"KAIZEN_ENV=production: {process} refuses to start: "
                             + "; ".join(problems) + " (set a secret of your own: "
                             "openssl rand -hex 32)")
