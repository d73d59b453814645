"""Service containers on the real broker (nameko's fixtures), one fresh DB per test."""
from __future__ import annotations

import pytest

from shared.identity import Identity, context_for

ANA = Identity("11111111-1111-1111-1111-111111111111", ("employee",), "Assembly")
BEN = Identity("22222222-2222-2222-2222-222222222222", ("employee", "reviewer"), "Quality")
ADMIN = Identity("33333333-3333-3333-3333-333333333333", ("employee", "admin"), "Office")


@pytest.fixture
def start_service(container_factory, rabbit_config, make_db):
    """start_service(ServiceClass, db_name=None) -> started container with a fresh DB."""

    def start(service_cls, db_name: str | None = None, db_url: str | None = None):
        name = db_name or service_cls.name
        config = dict(rabbit_config)
        config["DB_URIS"] = {service_cls.name: db_url or make_db(name)}
        container = container_factory(service_cls, config)
        container.start()
        return container

    return start


def as_user(identity: Identity) -> dict:
    return context_for(identity)
