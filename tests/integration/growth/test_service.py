"""The growth service on a real broker with the real career (the people directory) and
ideas services, against SQLite and PostgreSQL: the migrations, a goal across services, a
check-in problem that becomes a linked idea (a retry makes no second one), kudos that
become skill evidence in career exactly once, a key result that follows an experiment's
measurements, and reminders relayed to the broker."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from nameko.standalone.events import event_dispatcher
from nameko.testing.services import entrypoint_waiter
from sqlalchemy import create_engine, select

from services.career.models import Evidence
from services.career.service import CareerService
from services.growth.models import Base, KeyResult
from services.growth.service import GrowthService
from services.ideas.models import Base as IdeasBase
from services.ideas.service import IdeasService
from shared.contracts.experiments import MeasurementRecorded
from shared.contracts.growth import KudosGiven
from shared.outbox import envelope
from tests.support.growth_org import PEOPLE, identities
from tests.support.identities import ADMIN
from tests.support.services import call, handle, rows


@pytest.mark.parametrize(("service", "metadata"), [("growth", Base.metadata),
                                                   ("ideas", IdeasBase.metadata)])
def test_the_migrations_build_exactly_the_tables_of_the_models(make_db, service, metadata):
    engine = create_engine(make_db(service))
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


@pytest.fixture
def kaizen(container_factory, rabbit_config, make_db):
    classes = (CareerService, IdeasService, GrowthService)
    urls = {cls.name: make_db(cls.name) for cls in classes}
    config = {**rabbit_config, "DB_URIS": urls, "CAREER_SKILLS_AUTO_IMPORT": False}
    containers = {}
    for cls in classes:
        containers[cls.name] = container_factory(cls, config)
        containers[cls.name].start()
    ids = call(containers["career"], "upsert_people", PEOPLE, identity=ADMIN)
    found = call(containers["career"], "get_people", ids, identity=ADMIN)
    people = identities({p["id"]: p for p in found})
    return containers, urls, people, rabbit_config


def test_a_manager_reads_a_private_goal_the_colleague_does_not(kaizen):
    containers, _, people, _ = kaizen
    growth = containers["growth"]
    goal = call(growth, "set_goal", {"title": "Learn SMED", "visibility": "PRIVATE",
                                     "key_results": [{"title": "Changeovers led",
                                                      "start": 0, "target": 3}]},
                identity=people["ana"])
    assert goal["team"] == "Assembly" and goal["progress"] == 0.0
    seen = {name: call(growth, "get_goals", [goal["id"]], identity=people[name])[0]
            for name in ("mia", "dana", "carl", "ada")}
    assert {n for n, g in seen.items() if g} == {"mia", "dana"}


def test_a_problem_becomes_an_idea_that_links_back_and_a_retry_makes_no_second(kaizen):
    containers, urls, people, _ = kaizen
    growth, ideas = containers["growth"], containers["ideas"]
    check_in = call(growth, "submit_check_in", {
        "plans": ["Fix the jig"], "problems": ["Parts wait an hour at the paint shop"],
        "mood": 3}, identity=people["ana"])
    turned = call(growth, "turn_problem_into_idea", check_in["id"], 0, identity=people["ana"])
    idea = turned["idea"]
    assert idea["source_ref"] == f"growth:check-in:{check_in['id']}:0"
    assert idea["author_id"] == people["ana"].user_id
    assert idea["problem"] == "Parts wait an hour at the paint shop"
    assert turned["check_in"]["problems"][0]["idea_id"] == idea["id"]
    again = call(ideas, "submit_idea", {"title": "Other", "source_ref": idea["source_ref"]},
                 identity=people["ana"])
    assert again["id"] == idea["id"]
    view = call(growth, "team_growth", "Assembly", identity=people["mia"])
    assert view["idea_ids"] == [idea["id"]] and view["open_problems"] == []


def test_public_kudos_naming_a_skill_become_evidence_once(kaizen):
    containers, urls, people, _ = kaizen
    growth, career = containers["growth"], containers["career"]
    with entrypoint_waiter(career, "on_kudos_given"):
        kudos = call(growth, "give_kudos", {
            "to_person_id": people["ana"].user_id, "skill": "Lean manufacturing",
            "message": "Your 5S board made the night shift twice as fast"},
            identity=people["ben"])
    evidence = rows(urls["career"], select(Evidence.person_id, Evidence.source,
                                           Evidence.source_id, Evidence.title))
    assert evidence == [
        (people["ana"].user_id, "KUDOS", kudos["id"], "Kudos for Lean manufacturing")]
    event = KudosGiven(kudos_id=kudos["id"], from_id=kudos["from_id"],
                       to_person_id=kudos["to_person_id"], to_team_id=None, team="Assembly",
                       message=kudos["message"], visibility="PUBLIC",
                       skill="Lean manufacturing", created_at=kudos["created_at"])
    message = envelope(event.event_type, event.dump(), "growth")
    handle(career, "on_kudos_given", message)
    handle(career, "on_kudos_given", {**message, "event_id": "another-id"})  # same kudos
    assert len(rows(urls["career"], select(Evidence.id))) == 1


def test_a_key_result_follows_its_experiments_measurements(kaizen):
    containers, urls, people, config = kaizen
    growth = containers["growth"]
    goal = call(growth, "set_goal", {"title": "Faster changeovers", "key_results": [
        {"title": "Minutes", "start": 45, "target": 25, "experiment_id": "exp-1"}]},
        identity=people["ana"])
    at = datetime.now(UTC)
    dispatch = event_dispatcher(config)
    for value, when in ((35.0, at), (40.0, at - timedelta(hours=1))):  # the older one loses
        event = MeasurementRecorded(experiment_id="exp-1", measurement_id=f"m{value}",
                                    value=value, at=when.isoformat())
        with entrypoint_waiter(growth, "on_measurement_recorded"):
            dispatch("experiments", "measurement_recorded",
                     envelope(event.event_type, event.dump(), "experiments"))
    assert rows(urls["growth"], select(KeyResult.current)) == [(35.0,)]
    [read] = call(growth, "get_goals", [goal["id"]], identity=people["ana"])
    assert read["progress"] == pytest.approx(0.5)
