"""KAIZEN_ENV=production (shared.production): a process refuses to start while a secret it
uses is the public development default, empty or a change-me placeholder, naming each; in
development nothing is refused."""
from __future__ import annotations

import pytest

from shared.production import (
    DEVELOPMENT_SECRETS,
    UnsafeSettings,
    environment,
    refuse_unsafe_start,
)

OWN = "3f1c0e8e5b6a4d2f9c7b1a0e8d6c4b2a"
PRODUCTION = {"KAIZEN_ENV": "production"}


def test_the_gateway_refuses_the_development_secrets_naming_each():
    with pytest.raises(UnsafeSettings) as refused:
        refuse_unsafe_start("gateway", PRODUCTION)
    message = str(refused.value)
    assert message.startswith("KAIZEN_ENV=production: gateway refuses to start")
    assert "KAIZEN_JWT_SECRET is the public development default" in message
    assert "KAIZEN_SERVICE_TOKEN_SECRET is the public development default" in message


@pytest.mark.parametrize(("value", "why"), [
    (DEVELOPMENT_SECRETS["KAIZEN_SERVICE_TOKEN_SECRET"], "the public development default"),
    ("", "empty"), ("change-me-service-token-secret", "still the 'change-me' placeholder")])
def test_a_service_refuses_its_secret_left_unsafe(value, why):
    env = {**PRODUCTION, "KAIZEN_SERVICE_TOKEN_SECRET": value}
    with pytest.raises(UnsafeSettings, match=f"KAIZEN_SERVICE_TOKEN_SECRET is {why}"):
        refuse_unsafe_start("ideas", env)


def test_notifications_needs_its_own_unsubscribe_secret():
    env = {**PRODUCTION, "KAIZEN_SERVICE_TOKEN_SECRET": OWN}
    with pytest.raises(UnsafeSettings, match="KAIZEN_UNSUBSCRIBE_SECRET is the public"):
        refuse_unsafe_start("notifications", env)
    refuse_unsafe_start("notifications", {**env, "KAIZEN_UNSUBSCRIBE_SECRET": OWN + "u"})


def test_placeholders_anywhere_and_development_sign_in_are_refused():
    env = {**PRODUCTION, "KAIZEN_JWT_SECRET": OWN, "KAIZEN_SERVICE_TOKEN_SECRET": OWN + "s",
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
