"""KAIZEN_ENV: `development` (the default: a laptop, the tests) or `production` (the prod
overlay and docker-compose.yml set it). In production the gateway and every service refuse to
start while a secret they use is the public development default, empty, or still a `change-me`
placeholder of .env.example; the error names each such setting."""
from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ENVIRONMENTS = ("development", "production")
# The public development defaults (shared/settings.py, services/notifications/unsubscribe.py).
# Service tokens are signed with keys made per checkout or mounted per deployment
# (shared/keys.py); the only ones in the repository are the dev overlay's, published in
# k8s/overlays/dev/secrets.yaml (their public halves, as SubjectPublicKeyInfo in base64, are
# below; tests/unit/shared/test_production.py holds the list to that file).
DEVELOPMENT_SECRETS = {
    "KAIZEN_JWT_SECRET": "dev-only-jwt-secret-change-me-0123456789",
    "KAIZEN_UNSUBSCRIBE_SECRET": "dev-only-unsubscribe-secret-change-me",
}
DEVELOPMENT_PUBLIC_KEYS = frozenset({
    "MCowBQYDK2VwAyEA8CAxnG/wo02Gg2nss1ukXFx9/a1nNuK0eOn+cOwlURI=",
    "MCowBQYDK2VwAyEAxxNN1EYKY3pJKstUnI+WfK2RGi0adAkE+LwOmE0XU98=",
    "MCowBQYDK2VwAyEA91a4IRfoHOium72SEkitV2q0ZSRYfpn7Rl8lMZkHbtc=",
    "MCowBQYDK2VwAyEActrw2qDz9aKZHMHoTcDOr3z7ut8GDg9k30Qlgj+LLX8=",
    "MCowBQYDK2VwAyEAOGEdbx01stipLgwetbq2mUY48UM9BcpLKiquxUO1HHE=",
    "MCowBQYDK2VwAyEASNt/GCeLRUT3PFIjoHM7p/eTt5XW+FYADSA+1CHhwzc=",
    "MCowBQYDK2VwAyEAWO0h+5jx9BkvjSraJ4WwixTwk+maCWpivqjlW7pU54Q=",
})
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
    from shared.keys import keys_dir

    published = development_keys_in(keys_dir(env))
    if published:
        problems.append("the service-token keys " + ", ".join(published) + " are the dev "
                        "overlay's published keys (make your own: kaizen-admin keys add)")
    return problems


def development_keys_in(directory: Path) -> list[str]:
    """The key ids under `directory` whose public key is one of the dev overlay's."""
    from shared.keys import public_keys

    return sorted(kid for kid, key in public_keys(directory).items()
                  if _spki(key) in DEVELOPMENT_PUBLIC_KEYS)


def _spki(key) -> str:
    return base64.b64encode(key.public_bytes(Encoding.DER,
                                             PublicFormat.SubjectPublicKeyInfo)).decode()


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
