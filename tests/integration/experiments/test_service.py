"""The experiments service on a real broker with the real career (and ideas) services,
against SQLite and PostgreSQL: planning with its checks, the PDCA stages, permissions and
the listing. The fixtures and helpers here are shared by the other test_experiments_*."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from services.experiments.models import Base
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from tests.integration.experiments.support import (
    call,
    count,
    day,
    events,
    plan,
    plan_fields,
    run_to_study,
)


def test_the_migrations_build_exactly_the_tables_of_the_models(make_db):
    engine = create_engine(make_db("experiments"))
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []


# --- planning ------------------------------------------------------------------


def test_the_planner_owns_the_experiment_and_is_its_first_member(kaizen):
    olivia, max_ = kaizen.people["olivia"], kaizen.people["max"]
    experiment = plan(kaizen, members=("max", "olivia", "max"))
    assert experiment["stage"] == "PLAN"
    assert experiment["owner_id"] == olivia.user_id
    assert experiment["member_ids"] == [olivia.user_id, max_.user_id]
    assert experiment["metric"] == {"name": "Changeover time", "unit": "min",
                                    "direction": "DECREASE", "baseline": 45.0, "target": 25.0,
                                    "kind": "MEASURE"}
    assert experiment["rules"] == "IHI"
    assert experiment["run_chart"]["points"] == [] and experiment["run_chart"]["median"] is None
    assert [h["to_stage"] for h in experiment["history"]] == ["PLAN"]
    assert call(kaizen.experiments, "get_experiments", ["nope", experiment["id"]],
                identity=max_) == [None, experiment]
    [planned] = events(kaizen.url, "experiment_planned")
    assert planned == {"experiment_id": experiment["id"], "idea_id": None,
                       "title": "SMED cart on line 2", "hypothesis": experiment["hypothesis"],
                       "owner_id": olivia.user_id, "member_ids": experiment["member_ids"],
                       "previous_experiment_id": None}


def test_a_bad_plan_names_every_field_and_stores_nothing(kaizen):
    ghost = "99999999-9999-9999-9999-999999999999"
    with pytest.raises(ValidationError) as raised:
        call(kaizen.experiments, "plan_experiment", plan_fields(
            title="", member_ids=[kaizen.people["max"].user_id, ghost],
            starts_on="2026-05-10", ends_on="2026-05-01",
            metric={"name": "Changeover time", "unit": "min", "direction": "DECREASE",
                    "baseline": 45, "target": 50}), identity=kaizen.people["olivia"])
    problems = {e["field"]: e["message"] for e in raised.value.errors}
    assert problems == {
        "title": "is required", "endsOn": "must be on or after startsOn",
        "metric.target": "must be below the baseline (45) for a metric to DECREASE",
        "memberIds": f"no person with id {ghost}"}
    assert count(kaizen.url) == 0 and events(kaizen.url) == []


def test_signing_in_is_required(kaizen):
    with pytest.raises(Unauthenticated):
        call(kaizen.experiments, "plan_experiment", plan_fields(), identity=None)
    with pytest.raises(Unauthenticated):
        call(kaizen.experiments, "get_experiments", [], identity=None)


# --- stages --------------------------------------------------------------------


def test_an_experiment_walks_through_pdca_and_records_its_history(kaizen):
    olivia, max_ = kaizen.people["olivia"], kaizen.people["max"]
    experiment = plan(kaizen)
    started = call(kaizen.experiments, "start_experiment", experiment["id"], identity=max_)
    assert started["stage"] == "DO" and started["started_at"]
    with pytest.raises(Conflict, match="from DO to DO"):
        call(kaizen.experiments, "start_experiment", experiment["id"], identity=max_)
    with pytest.raises(Conflict, match="from DO to ACT"):
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT", "x",
             identity=olivia)
    call(kaizen.experiments, "study_experiment", experiment["id"], identity=max_)
    done = call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT",
                "The cart works; clamps are next", "Line 3 changeovers", identity=olivia)
    assert (done["stage"], done["decision"], done["where_else"]) == \
        ("CONCLUDED", "ADOPT", "Line 3 changeovers")
    assert [(h["from_stage"], h["to_stage"]) for h in done["history"]] == [
        (None, "PLAN"), ("PLAN", "DO"), ("DO", "STUDY"), ("STUDY", "ACT"),
        ("ACT", "CONCLUDED")]
    with pytest.raises(Conflict, match="from CONCLUDED to ACT"):
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ABANDON", "x",
             identity=olivia)
    [started_event] = events(kaizen.url, "experiment_started")
    assert started_event["experiment_id"] == experiment["id"]
    [concluded] = events(kaizen.url, "experiment_concluded")
    assert (concluded["decision"], concluded["learnings"], concluded["member_ids"]) == \
        ("ADOPT", "The cart works; clamps are next", done["member_ids"])


def test_learnings_are_required_to_conclude(kaizen):
    experiment = plan(kaizen)
    run_to_study(kaizen, experiment)
    with pytest.raises(ValidationError) as raised:
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT", "  ",
             identity=kaizen.people["olivia"])
    assert [e["field"] for e in raised.value.errors] == ["learnings"]
    assert call(kaizen.experiments, "get_experiments", [experiment["id"]],
                identity=kaizen.people["olivia"])[0]["stage"] == "STUDY"


# --- permissions ---------------------------------------------------------------


def test_a_member_cannot_conclude_unless_owner_and_a_manager_can(kaizen):
    experiment = plan(kaizen)
    run_to_study(kaizen, experiment, who="max")
    with pytest.raises(PermissionDenied, match="only the owner"):
        call(kaizen.experiments, "conclude_experiment", experiment["id"], "ADOPT",
             "Worked", identity=kaizen.people["max"])
    assert events(kaizen.url, "experiment_concluded") == []
    done = call(kaizen.experiments, "conclude_experiment", experiment["id"], "ABANDON",
                "Fixtures were not the bottleneck", identity=kaizen.people["mona"])
    assert (done["stage"], done["decision"]) == ("CONCLUDED", "ABANDON")


def test_outsiders_cannot_move_or_record_but_a_manager_may_move(kaizen):
    experiment = plan(kaizen)
    nina = kaizen.people["nina"]
    with pytest.raises(PermissionDenied, match="only members"):
        call(kaizen.experiments, "start_experiment", experiment["id"], identity=nina)
    with pytest.raises(PermissionDenied, match="only members"):
        call(kaizen.experiments, "record_measurement", experiment["id"], 40, day(-2),
             identity=nina)
    with pytest.raises(PermissionDenied, match="only members"):
        call(kaizen.experiments, "import_measurements", experiment["id"], "2026-01-01,3",
             identity=nina)
    with pytest.raises(PermissionDenied, match="only members"):  # managers do not record
        call(kaizen.experiments, "record_measurement", experiment["id"], 40, day(-2),
             identity=kaizen.people["mona"])
    assert call(kaizen.experiments, "start_experiment", experiment["id"],
                identity=kaizen.people["mona"])["stage"] == "DO"
    with pytest.raises(NotFound):
        call(kaizen.experiments, "start_experiment", "nope", identity=nina)
    assert events(kaizen.url, "measurement_recorded") == []


# --- listing -------------------------------------------------------------------


def test_experiments_are_listed_newest_first_and_filtered(kaizen):
    first = plan(kaizen, title="Kanban for screws")
    second = plan(kaizen, owner="nina", members=(), title="Pick-to-light trial")
    call(kaizen.experiments, "start_experiment", second["id"], identity=kaizen.people["nina"])
    olivia = kaizen.people["olivia"]

    def titles(**flt) -> list[str]:
        page = call(kaizen.experiments, "list_experiments", first=10, filter=flt,
                    identity=olivia)
        return [e["title"] for e in page["items"]]

    assert titles() == ["Pick-to-light trial", "Kanban for screws"]
    assert titles(stage="DO") == ["Pick-to-light trial"]
    assert titles(member_id=kaizen.people["max"].user_id) == ["Kanban for screws"]
    assert titles(idea_id="no-such-idea") == []
    page = call(kaizen.experiments, "list_experiments", first=1, identity=olivia)
    assert (page["total"], page["has_next"]) == (2, True)
    rest = call(kaizen.experiments, "list_experiments", first=1, after=page["end_cursor"],
                identity=olivia)
    assert [e["id"] for e in rest["items"]] == [first["id"]] and not rest["has_next"]
    with pytest.raises(ValidationError):
        call(kaizen.experiments, "list_experiments", filter={"stage": "DOING"}, identity=olivia)
