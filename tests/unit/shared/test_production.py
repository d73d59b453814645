"""KAIZEN_ENV=production (shared.production): a process refuses to start while a secret it
uses is the public development default, empty or a change-me placeholder, naming each; in
development nothing is refused."""
from __future__ import annotations

import pytest
import yaml

from shared import keys
from shared.production import (
    DEVELOPMENT_PUBLIC_KEYS,
    DEVELOPMENT_SECRETS,
    UnsafeSettings,
    environment,
    refuse_unsafe_start,
)
from shared.settings import ROOT

OWN = "3f1c0e8e5b6a4d2f9c7b1a0e8d6c4b2a"
PRODUCTION = {"KAIZEN_ENV": "production"}


def test_the_gateway_refuses_the_development_secrets_naming_each():
    with pytest.raises(UnsafeSettings) as refused:
        refuse_unsafe_start("gateway", PRODUCTION)
    message = str(refused.value)
    assert message.startswith("KAIZEN_ENV=production: gateway refuses to start")
    assert "KAIZEN_JWT_SECRET is the public development default" in message


@pytest.mark.parametrize(("value", "why"), [
    (DEVELOPMENT_SECRETS["KAIZEN_UNSUBSCRIBE_SECRET"], "the public development default"),
    ("", "empty"), ("change-me-unsubscribe-secret", "still the 'change-me' placeholder")])
def test_notifications_refuses_its_secret_left_unsafe(value, why):
    env = {**PRODUCTION, "KAIZEN_UNSUBSCRIBE_SECRET": value}
    with pytest.raises(UnsafeSettings, match=f"KAIZEN_UNSUBSCRIBE_SECRET is {why}"):
        refuse_unsafe_start("notifications", env)
    refuse_unsafe_start("notifications", {**env, "KAIZEN_UNSUBSCRIBE_SECRET": OWN})


def test_a_service_refuses_a_placeholder_left_in_its_settings():
    env = {**PRODUCTION, "KAIZEN_IDEAS_DB_URL": "postgresql+psycopg://ideas:"
           "change-me-ideas-db-password@postgres:5432/ideas"}
    with pytest.raises(UnsafeSettings, match="ideas refuses to start: KAIZEN_IDEAS_DB_URL holds"):
        refuse_unsafe_start("ideas", env)
    refuse_unsafe_start("ideas", PRODUCTION)


def test_placeholders_anywhere_and_development_sign_in_are_refused():
    env = {**PRODUCTION, "KAIZEN_JWT_SECRET": OWN,
           "AMQP_URI": "amqp://kaizen:change-me-rabbitmq-password@rabbitmq:5672/",
           "KAIZEN_DEV_LOGIN": "1"}
    with pytest.raises(UnsafeSettings) as refused:
        refuse_unsafe_start("gateway", env)
    assert "AMQP_URI holds the 'change-me' placeholder" in str(refused.value)
    assert "KAIZEN_DEV_LOGIN=1 lets anyone sign in as anyone" in str(refused.value)
    refuse_unsafe_start("gateway", {k: v for k, v in env.items()
                                    if k not in ("AMQP_URI", "KAIZEN_DEV_LOGIN")})


def test_development_refuses_nothing_and_an_unknown_environment_is_an_error():
    refuse_unsafe_start("gateway", {})
    refuse_unsafe_start("gateway", {"KAIZEN_ENV": "development", "KAIZEN_DEV_LOGIN": "1"})
    with pytest.raises(UnsafeSettings, match="KAIZEN_ENV must be development or production"):
        environment({"KAIZEN_ENV": "prod"})


def test_a_process_refuses_a_development_broker_password():
    uri = "amqp://kaizen-ideas:dev-only-broker-ideas@rabbitmq:5672/"
    with pytest.raises(UnsafeSettings) as refused:
        refuse_unsafe_start("ideas", {**PRODUCTION, "AMQP_URI": uri})
    assert "development broker password" in str(refused.value)
    refuse_unsafe_start("ideas", {"AMQP_URI": uri})  # development: fine


DEV_SECRETS = ROOT / "k8s" / "overlays" / "dev" / "secrets.yaml"


def dev_overlay_public_keys() -> dict[str, str]:
    """kid -> PEM of the public keys the dev overlay publishes."""
    found = {}
    for doc in yaml.safe_load_all(DEV_SECRETS.read_text()):
        if doc and doc["metadata"]["name"] == "kaizen-service-keys":
            found.update({name.removesuffix(".pem"): pem
                          for name, pem in doc["stringData"].items()})
    return found


def test_the_published_dev_keys_are_the_ones_production_knows():
    bodies = {"".join(pem.split("\n")[1:-2]) for pem in dev_overlay_public_keys().values()}
    assert bodies == DEVELOPMENT_PUBLIC_KEYS and len(bodies) >= 7


def test_production_refuses_the_dev_overlays_published_service_token_keys(tmp_path):
    kid, pem = sorted(dev_overlay_public_keys().items())[0]
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / f"{kid}.pem").write_text(pem)
    env = {**PRODUCTION, "KAIZEN_KEYS_DIR": str(tmp_path)}
    with pytest.raises(UnsafeSettings, match=f"the service-token keys {kid} are the dev "):
        refuse_unsafe_start("ideas", env)
    (tmp_path / "public" / f"{kid}.pem").unlink()
    keys.generate("gateway", tmp_path)  # a key of this deployment's own
    refuse_unsafe_start("ideas", env)
