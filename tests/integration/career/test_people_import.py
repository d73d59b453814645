"""The people CSV import on a real broker, against SQLite and PostgreSQL: a dry run reports
and writes nothing, a file with any bad row writes nothing, a clean one lands whole with
teams, managers and roles; and `kaizen-admin people import` does the same from a file."""
from __future__ import annotations

import pytest

from admin.cli import main as kaizen_admin
from shared.errors import PermissionDenied
from tests.integration.career.support import call
from tests.support.identities import ANA

GOOD = ("email,name,team,manager_email,roles\n"
        "eli@x.org,Eli Worker,Ops,dana@x.org,\n"
        "dana@x.org,Dana Boss,Ops,,manager;reviewer\n")
BAD = GOOD + "not-an-email,,Ops,,emperor\n"


def directory(career) -> dict[str, dict]:
    return {p["email"]: p for p in call(career, "list_people")["items"]}


def test_a_dry_run_reports_and_writes_nothing(career):
    report = call(career, "import_people_csv", GOOD, dry_run=True)
    assert report == {"rows": 2, "new": 2, "updated": 0, "errors": [], "applied": False}
    assert directory(career) == {}


def test_a_bad_row_names_its_columns_and_nothing_is_written(career):
    report = call(career, "import_people_csv", BAD, dry_run=False)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (4, "email"), (4, "name"), (4, "roles")]
    assert report["applied"] is False and directory(career) == {}


def test_a_clean_file_lands_whole_and_again_updates(career):
    assert call(career, "import_people_csv", GOOD, dry_run=False)["applied"] is True
    people = directory(career)
    assert people["dana@x.org"]["roles"] == ["employee", "manager", "reviewer"]
    assert people["eli@x.org"]["manager_id"] == people["dana@x.org"]["id"]
    assert people["eli@x.org"]["team"] == "Ops"
    again = call(career, "import_people_csv", GOOD.replace("Eli Worker", "Eli W."),
                 dry_run=False)
    assert (again["new"], again["updated"]) == (0, 2)
    assert directory(career)["eli@x.org"]["name"] == "Eli W."


def test_only_admins_import(career):
    with pytest.raises(PermissionDenied):
        call(career, "import_people_csv", GOOD, identity=ANA)


def test_kaizen_admin_people_import(career, rabbit_config, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("AMQP_URI", rabbit_config["AMQP_URI"])
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD)
    good.write_text(GOOD)
    assert kaizen_admin(["people", "import", str(bad)]) == 1
    assert "line 4, email: must be an e-mail address" in capsys.readouterr().out
    assert kaizen_admin(["people", "import", str(good), "--dry-run"]) == 0
    assert "2 new" in capsys.readouterr().out and directory(career) == {}
    assert kaizen_admin(["people", "import", str(good)]) == 0
    assert "applied" in capsys.readouterr().out
    assert set(directory(career)) == {"eli@x.org", "dana@x.org"}
