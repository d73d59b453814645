"""Input hardening, on workers of the real services (a migrated SQLite file each): control
characters refused at every RPC with the field named, invisible characters stripped from
titles and names, dates bounded, cursors checked, `%` and `_` matched as letters."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from services.career.models import INBOX as CAREER_INBOX
from services.career.models import OUTBOX as CAREER_OUTBOX
from services.career.programme_validation import validate_session
from services.career.service import CareerService
from services.experiments.models import INBOX as EXPERIMENTS_INBOX
from services.experiments.models import OUTBOX as EXPERIMENTS_OUTBOX
from services.experiments.models import Experiment
from services.experiments.service import ExperimentsService
from services.growth.validation import validate_check_in, validate_schedule
from services.ideas.models import Idea
from shared.errors import ValidationError
from shared.pagination import decode_cursor, encode_cursor
from shared.text import one_line
from tests.support.identities import ADMIN, ANA
from tests.support.workers import Workers


@pytest.fixture
def experiments(tmp_path):
    workers = Workers(ExperimentsService, tmp_path, EXPERIMENTS_OUTBOX, EXPERIMENTS_INBOX)
    yield workers
    workers.close()


@pytest.fixture
def career(tmp_path):
    workers = Workers(CareerService, tmp_path, CAREER_OUTBOX, CAREER_INBOX)
    yield workers
    workers.close()


def fields_of(raised) -> list[str]:
    return [e["field"] for e in raised.value.errors]


@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\x7f", "\x85"])
def test_a_control_character_anywhere_is_refused_naming_the_field(ideas, bad):
    with pytest.raises(ValidationError) as raised:
        ideas.call("submit_idea", {"title": f"Label{bad} the drawers",
                                   "problem": "fine\nwith\tbreaks", "tags": ["ok", f"x{bad}"]},
                   identity=ANA)
    assert fields_of(raised) == ["title", "tags[1]"]
    assert ideas.rows(select(Idea.id)) == [] and ideas.events() == []


def test_line_breaks_and_tabs_stay_allowed_in_long_text(ideas):
    idea = ideas.call("submit_idea", {"title": "Label the drawers",
                                      "problem": "One\nTwo\r\n\tThree"}, identity=ANA)
    assert idea["problem"] == "One\nTwo\r\n\tThree"


def test_bidi_overrides_and_zero_width_characters_leave_titles_and_names():
    assert one_line("Invoice\u202e fdp.exe\u202c") == "Invoice fdp.exe"
    assert one_line("Ze\u200bro\u200d wi\ufeffdth \u2066iso\u2069") == "Zero width iso"


def test_an_idea_title_is_stored_without_invisible_characters(ideas):
    idea = ideas.call("submit_idea", {"title": "Label\u200b the \u202edrawers"}, identity=ANA)
    assert idea["title"] == "Label the drawers"
    with pytest.raises(ValidationError) as raised:  # nothing visible left
        ideas.call("submit_idea", {"title": "\u200b\u200b\u200b\u200b"}, identity=ANA)
    assert fields_of(raised) == ["title"]


def plan(**more) -> dict:
    return {"title": "Trolley", "hypothesis": "Fewer trips",
            "metric": {"name": "Trips", "unit": "n", "direction": "DECREASE", "baseline": 10,
                       "target": 5},
            "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=14)).isoformat(), **more}


def test_dates_are_bounded(experiments):
    with pytest.raises(ValidationError) as raised:
        experiments.call("plan_experiment", plan(starts_on="0001-01-01", ends_on="9999-12-31"),
                         identity=ANA)
    assert fields_of(raised) == ["startsOn", "endsOn"]
    assert experiments.rows(select(Experiment.id)) == []
    planned = experiments.call("plan_experiment", plan(), identity=ANA)
    for at in ("0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00Z", "1969-12-31T23:00:00Z"):
        with pytest.raises(ValidationError) as raised:
            experiments.call("record_measurement", planned["id"], 3, at, identity=ANA)
        assert fields_of(raised) == ["at"]


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_mentoring_session_date_is_bounded(at):
    with pytest.raises(ValidationError) as raised:
        validate_session(at, 30)
    assert fields_of(raised) == ["at"]


def test_growth_dates_are_bounded():
    with pytest.raises(ValidationError) as raised:
        validate_schedule("WEEKLY", "0001-01-01T00:00:00+01:00")
    assert fields_of(raised) == ["startsAt"]
    with pytest.raises(ValidationError) as raised:
        validate_check_in({"week_of": "9999-12-27"}, date.today())
    assert fields_of(raised) == ["weekOf"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_measurement_is_refused_naming_value(experiments, value):
    planned = experiments.call("plan_experiment", plan(), identity=ANA)
    with pytest.raises(ValidationError) as raised:
        experiments.call("record_measurement", planned["id"], value,
                         f"{date.today().isoformat()}T08:00:00Z", identity=ANA)
    assert fields_of(raised) == ["value"]


@pytest.mark.parametrize("cursor", ["A" * 10_000, encode_cursor(10**40), "o:1", "%%%",
                                    "\u00e9\u00e9\u00e9\u00e9", encode_cursor(-1)])
def test_a_huge_or_malformed_cursor_is_a_validation_error(cursor):
    with pytest.raises(ValidationError) as raised:
        decode_cursor(cursor)
    assert fields_of(raised) == ["after"]


def test_a_cursor_this_api_returned_still_works(ideas):
    assert decode_cursor(encode_cursor(40)) == 40
    with pytest.raises(ValidationError) as raised:
        ideas.call("list_ideas", after="A" * 5000, identity=ANA)
    assert fields_of(raised) == ["after"]


def test_percent_and_underscore_are_letters_in_directory_search(career):
    career.call("upsert_people", [
        {"name": "Ana Silva", "email": "ana@example.org"},
        {"name": "Ben 100% Okafor", "email": "ben@example.org"},
        {"name": "Cara_Lopez", "email": "cara@example.org"}], identity=ADMIN)
    names = lambda term: [p["name"] for p in  # noqa: E731
                          career.call("list_people", search=term, identity=ANA)["items"]]
    assert names("%") == ["Ben 100% Okafor"]
    assert names("_") == ["Cara_Lopez"]
    assert names("a") == ["Ana Silva", "Ben 100% Okafor", "Cara_Lopez"]
