"""Service containers on the real broker (nameko's fixtures), one fresh DB per test. The
career fixtures live here because the career and insights tests both start career."""
from __future__ import annotations

import pytest

from services.career.service import CareerService
from services.career.skills import import_skills
from shared.db import make_engine
from tests.integration.career.support import skill_subset


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


@pytest.fixture
def career_db(make_db) -> str:
    """A migrated career DB holding the test slice of ESCO."""
    url = make_db("career")
    engine = make_engine(url)
    import_skills(engine, skill_subset())
    engine.dispose()
    return url


@pytest.fixture
def career(start_service, career_db):
    return start_service(CareerService, db_url=career_db)
