"""The admins' people CSV import through GraphQL (importPeople): a dry run reports every
row's problems by line and column and writes nothing; a clean file lands whole; only an
admin imports."""
from __future__ import annotations

import uuid

IMPORT = """mutation($csv: String!, $dryRun: Boolean!) {
  importPeople(csv: $csv, dryRun: $dryRun) { __typename
  ... on PeopleImportReport { rows new updated applied errors { line column message } }
  ... on UserError { message } } }"""
FIND = """query($search: String!) { employees(filter: {search: $search}) {
  edges { node { email team roles manager { email } } } } }"""
ADMIN = "dev.patel@kaizen.example"


def people_csv(tag: str, extra: str = "") -> str:
    return ("email,name,team,manager_email,roles\n"
            f"lead.{tag}@kaizen.example,Lead {tag},Paint Shop,,manager;reviewer\n"
            f"hand.{tag}@kaizen.example,Hand {tag},Paint Shop,lead.{tag}@kaizen.example,\n"
            + extra)


def test_a_dry_run_reports_then_a_clean_file_lands_whole(stack):
    admin, tag = stack.token(ADMIN), uuid.uuid4().hex[:8]
    bad = people_csv(tag, "nobody,,Paint Shop,,emperor\n")
    report = stack.gql(IMPORT, {"csv": bad, "dryRun": False}, admin)["importPeople"]
    assert report["applied"] is False and report["rows"] == 3
    assert [(e["line"], e["column"]) for e in report["errors"]] == [
        (4, "email"), (4, "name"), (4, "roles")]
    assert stack.gql(FIND, {"search": tag}, admin)["employees"]["edges"] == []
    dry = stack.gql(IMPORT, {"csv": people_csv(tag), "dryRun": True}, admin)["importPeople"]
    assert (dry["new"], dry["applied"], dry["errors"]) == (2, False, [])
    done = stack.gql(IMPORT, {"csv": people_csv(tag), "dryRun": False}, admin)["importPeople"]
    assert done["applied"] is True
    found = {e["node"]["email"]: e["node"] for e in
             stack.gql(FIND, {"search": tag}, admin)["employees"]["edges"]}
    hand = found[f"hand.{tag}@kaizen.example"]
    assert hand["team"] == "Paint Shop" and hand["manager"]["email"].startswith("lead.")
    assert found[f"lead.{tag}@kaizen.example"]["roles"] == ["employee", "manager", "reviewer"]


def test_only_an_admin_imports(stack):
    answer = stack.gql(IMPORT, {"csv": people_csv("x"), "dryRun": True},
                       stack.token("ana.silva@kaizen.example"))["importPeople"]
    assert answer["__typename"] == "PermissionDeniedError"
