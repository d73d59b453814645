"""Helpers of the ideas integration tests."""
from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from services.ideas.models import OUTBOX
from services.ideas.service import IdeasService
from tests.support import services
from tests.support.identities import ADMIN, ANA

call = partial(services.call, identity=ANA)
events = partial(services.outbox_events, OUTBOX)


def open_campaign(container, **overrides) -> dict:
    today = date.today()
    fields = {"title": "Safer aisles", "description": "Fewer near misses",
              "starts_on": (today - timedelta(days=5)).isoformat(),
              "ends_on": (today + timedelta(days=30)).isoformat(), **overrides}
    return call(container, "create_campaign", fields, identity=ADMIN)


def start_ideas(start_service, make_db) -> tuple:
    """The ideas service in a container on a fresh database: (container, db url)."""
    url = make_db("ideas")
    return start_service(IdeasService, db_url=url), url
