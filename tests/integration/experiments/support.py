"""Helpers of the experiments integration tests: a small organisation in career, the
experiments service (and ideas when asked), and the plan every test starts from."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

from services.career.service import CareerService
from services.experiments.models import OUTBOX, Experiment
from services.experiments.service import ExperimentsService
from services.ideas.service import IdeasService
from shared.identity import Identity
from tests.support import services
from tests.support.identities import ADMIN
from tests.support.services import call

PEOPLE = [
    {"name": "Olivia Owner", "email": "olivia@example.org", "team": "Assembly"},
    {"name": "Max Member", "email": "max@example.org", "team": "Assembly"},
    {"name": "Nina Outsider", "email": "nina@example.org", "team": "Logistics"},
    {"name": "Mona Manager", "email": "mona@example.org", "team": "Assembly",
     "roles": ["manager"]},
]
TODAY = date.today()
STARTS = TODAY - timedelta(days=10)

events = partial(services.outbox_events, OUTBOX)


@dataclass
class Kaizen:
    experiments: object
    career: object
    ideas: object | None
    url: str  # the experiments database
    people: dict[str, Identity]  # by e-mail local part


def start_kaizen(container_factory, rabbit_config, make_db, with_ideas: bool) -> Kaizen:
    classes = [CareerService, ExperimentsService] + ([IdeasService] if with_ideas else [])
    urls = {cls.name: make_db(cls.name) for cls in classes}
    config = {**rabbit_config, "DB_URIS": urls, "CAREER_SKILLS_AUTO_IMPORT": False}
    containers = {}
    for cls in classes:
        containers[cls.name] = container_factory(cls, config)
        containers[cls.name].start()
    ids = call(containers["career"], "upsert_people", PEOPLE, identity=ADMIN)
    found = call(containers["career"], "get_people", ids, identity=ADMIN)
    people = {p["email"].split("@")[0]: Identity(p["id"], tuple(p["roles"]), p["team"])
              for p in found}
    return Kaizen(containers["experiments"], containers["career"], containers.get("ideas"),
                  urls["experiments"], people)


def count(url: str, table=Experiment) -> int:
    return services.count(url, table)


def plan_fields(**overrides) -> dict:
    return {"title": "SMED cart on line 2",
            "hypothesis": "A pre-sorted fixture cart brings changeovers below 25 minutes",
            "metric": {"name": "Changeover time", "unit": "min", "direction": "DECREASE",
                       "baseline": 45, "target": 25},
            "starts_on": STARTS.isoformat(), "ends_on": (TODAY + timedelta(days=20)).isoformat(),
            "member_ids": [], **overrides}


def plan(kaizen: Kaizen, owner: str = "olivia", members=("max",), **overrides) -> dict:
    fields = plan_fields(member_ids=[kaizen.people[m].user_id for m in members], **overrides)
    return call(kaizen.experiments, "plan_experiment", fields, identity=kaizen.people[owner])


def day(offset: int, hour: int = 8) -> str:
    """A moment `offset` days after the start date."""
    return datetime.combine(STARTS + timedelta(days=offset), time(hour), UTC).isoformat()


def run_to_study(kaizen: Kaizen, experiment: dict, who: str = "olivia") -> None:
    for method in ("start_experiment", "study_experiment"):
        call(kaizen.experiments, method, experiment["id"], identity=kaizen.people[who])
