"""The reflections service on a real broker, against SQLite and PostgreSQL: writing,
changing, reading, prompts, the habit, export, and a delete that really forgets."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from nameko.testing.services import entrypoint_hook
from sqlalchemy import select

from services.ideas.service import IdeasService
from services.reflections.models import OUTBOX, Reflection, ReflectionLink, ReflectionTag
from services.reflections.service import ReflectionsService
from shared import idempotency
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from shared.identity import SYSTEM, Identity
from tests.support import services
from tests.support.identities import ADMIN, ANA, BEN
from tests.support.services import count, rows

TOM = Identity("44444444-4444-4444-4444-444444444444", ("employee",), "Assembly")
NOMAD = Identity("55555555-5555-5555-5555-555555555555", ("employee",), None)


call = partial(services.call, identity=ANA)


@pytest.fixture
def reflections(start_service, make_db):
    url = make_db("reflections")
    return start_service(ReflectionsService, db_url=url), url


@pytest.fixture
def with_ideas(start_service, reflections):
    ideas = start_service(IdeasService)
    return reflections[0], ideas


def test_a_reflection_is_private_by_default_with_clean_fields(reflections):
    container, url = reflections
    written = call(container, "write_reflection", {
        "body": "  ## What went well?\nThe new shadow board.\n  ", "tags": ["5S", " Tools", "5s"],
        "mood": 4, "prompt_id": "builtin-retrospective"})
    assert written["visibility"] == "PRIVATE" and written["team"] == "Assembly"
    assert written["body"] == "## What went well?\nThe new shadow board."
    assert written["tags"] == ["5s", "tools"] and written["mood"] == 4
    assert written["author_id"] == ANA.user_id and written["idea_id"] is None
    assert call(container, "get_reflection", written["id"]) == written
    assert count(url, OUTBOX) == 0


def test_every_bad_field_is_named_at_once_and_nothing_is_stored(reflections):
    container, url = reflections
    bad = {"body": " ", "mood": 6, "visibility": "PUBLIC", "tags": ["t"] * 3 + list("abcdefghij"),
           "prompt_id": "no-such-prompt", "links": [{"kind": "IDEA"}], "colour": "red"}
    with pytest.raises(ValidationError) as raised:
        call(container, "write_reflection", bad)
    fields = {e["field"] for e in raised.value.errors}
    assert fields == {"body", "mood", "visibility", "tags", "promptId", "links", "colour"}
    with pytest.raises(ValidationError) as raised:
        call(container, "write_reflection", {"body": "x" * 20_001})
    assert "20000" in raised.value.message
    assert count(url, Reflection.__table__) == 0 and count(url, OUTBOX) == 0


def test_sharing_with_the_team_needs_a_team(reflections):
    container, _ = reflections
    with pytest.raises(ValidationError) as raised:
        call(container, "write_reflection", {"body": "Hello", "visibility": "TEAM"},
             identity=NOMAD)
    assert raised.value.errors[0]["field"] == "visibility"
    shared = call(container, "write_reflection", {"body": "Hello", "visibility": "ORGANIZATION"},
                  identity=NOMAD)
    assert shared["team"] is None


def test_update_changes_only_the_fields_given(reflections):
    container, _ = reflections
    first = call(container, "write_reflection", {"body": "Draft", "tags": ["a", "b"], "mood": 2})
    changed = call(container, "update_reflection", first["id"], {"tags": ["b", "c"]})
    assert changed["tags"] == ["b", "c"] and changed["body"] == "Draft" and changed["mood"] == 2
    cleared = call(container, "update_reflection", first["id"], {"mood": None, "body": "Final"})
    assert cleared["mood"] is None and cleared["body"] == "Final"
    assert cleared["updated_at"] > first["updated_at"]
    with pytest.raises(ValidationError) as raised:
        call(container, "update_reflection", first["id"], {"body": ""})
    assert raised.value.errors[0]["field"] == "body"
    assert call(container, "get_reflection", first["id"])["body"] == "Final"


def test_my_reflections_filter_by_tag_search_and_time_and_page(reflections):
    container, _ = reflections
    for i in range(5):
        call(container, "write_reflection", {"body": f"Entry {i} about Kanban", "tags": ["flow"]})
    call(container, "write_reflection", {"body": "Something else 50%_", "tags": ["Safety First"]})
    call(container, "write_reflection", {"body": "Not mine about kanban"}, identity=TOM)
    everything = call(container, "list_my_reflections", first=4)
    assert everything["total"] == 6 and len(everything["items"]) == 4 and everything["has_next"]
    rest = call(container, "list_my_reflections", first=4, after=everything["end_cursor"])
    assert len(rest["items"]) == 2 and not rest["has_next"]
    assert rest["items"][-1]["body"] == "Entry 0 about Kanban"  # newest first
    assert call(container, "list_my_reflections", {"tag": "FLOW"})["total"] == 5
    assert call(container, "list_my_reflections", {"search": "kanban"})["total"] == 5
    assert call(container, "list_my_reflections", {"search": "safety"})["total"] == 1  # a tag
    assert call(container, "list_my_reflections", {"search": "%_"})["total"] == 1  # literal
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert call(container, "list_my_reflections", {"from": future})["total"] == 0
    assert call(container, "list_my_reflections", {"to": future})["total"] == 6
    with pytest.raises(ValidationError) as raised:
        call(container, "list_my_reflections", {"from": future, "to": "2000-01-01T00:00:00"})
    assert raised.value.errors[0]["field"] == "to"


def test_prompts_are_built_in_plus_the_organisations_own_managed_by_admins(reflections):
    container, _ = reflections
    built_in = call(container, "list_prompts")
    assert [p["id"] for p in built_in] == ["builtin-retrospective",
                                           "builtin-progress-plans-problems",
                                           "builtin-after-experiment"]
    assert "## What did I learn?" in built_in[0]["template"]
    fields = {"title": "Safety moment", "questions": ["What near miss did I see?"]}
    with pytest.raises(PermissionDenied):
        call(container, "create_prompt", fields, identity=ANA)
    with pytest.raises(ValidationError) as raised:
        call(container, "create_prompt", {"title": "x", "questions": []}, identity=ADMIN)
    assert {e["field"] for e in raised.value.errors} == {"title", "questions"}
    prompt = call(container, "create_prompt", fields, identity=ADMIN)
    assert prompt["built_in"] is False and prompt["template"].startswith("## What near miss")
    used = call(container, "write_reflection", {"body": "Loose cable", "prompt_id": prompt["id"]})
    call(container, "archive_prompt", prompt["id"], identity=ADMIN)
    assert prompt["id"] not in [p["id"] for p in call(container, "list_prompts")]
    with pytest.raises(ValidationError):
        call(container, "write_reflection", {"body": "Again", "prompt_id": prompt["id"]})
    assert call(container, "get_reflection", used["id"])["prompt_id"] == prompt["id"]
    assert "Prompt: Safety moment" in call(container, "export_my_reflections", "MARKDOWN")


def test_habit_counts_weeks_in_a_row_and_this_week(reflections):
    container, _ = reflections
    assert call(container, "reflection_habit") == {"weeks": 0, "this_week": 0}
    stamp = datetime.now(UTC)
    monday = (stamp - timedelta(days=stamp.weekday())).replace(hour=9, minute=0)
    items = [{"author_id": ANA.user_id, "team": "Assembly", "body": f"week -{k}",
              "created_at": (monday - timedelta(weeks=k)).isoformat()} for k in (1, 2, 4)]
    call(container, "import_reflections", items, identity=SYSTEM)
    assert call(container, "reflection_habit") == {"weeks": 2, "this_week": 0}
    call(container, "write_reflection", {"body": "today"})
    call(container, "write_reflection", {"body": "today again"})
    assert call(container, "reflection_habit") == {"weeks": 3, "this_week": 2}
    assert call(container, "reflection_habit", identity=TOM) == {"weeks": 0, "this_week": 0}


def test_only_the_system_seed_imports_back_dated_reflections(reflections):
    container, _ = reflections
    item = {"author_id": TOM.user_id, "team": "Assembly", "body": "In Tom's name",
            "created_at": "2024-01-01T10:00:00+00:00"}
    for who in (ANA, ADMIN):
        with pytest.raises(PermissionDenied):
            call(container, "import_reflections", [item], identity=who)
    with pytest.raises(ValidationError) as raised:
        call(container, "import_reflections", [{**item, "created_at": "2999-01-01T00:00:00"}],
             identity=SYSTEM)
    assert raised.value.errors[0]["field"] == "createdAt"
    call(container, "import_reflections", [item], identity=SYSTEM)
    assert call(container, "list_my_reflections", identity=TOM)["items"][0]["created_at"] \
        == "2024-01-01T10:00:00+00:00"


def test_export_holds_every_own_reflection_oldest_first_and_nobody_elses(reflections):
    container, _ = reflections
    call(container, "write_reflection", {"body": "First *thought*", "tags": ["one"], "mood": 3})
    call(container, "write_reflection", {"body": "Second thought", "visibility": "TEAM"})
    call(container, "write_reflection", {"body": "Tom's thought", "visibility": "TEAM"},
         identity=TOM)
    markdown = call(container, "export_my_reflections", "MARKDOWN")
    assert markdown.index("First *thought*") < markdown.index("Second thought")
    assert "Tags: one" in markdown and "Mood: 3/5" in markdown and "Tom's" not in markdown
    exported = json.loads(call(container, "export_my_reflections", "JSON"))["reflections"]
    assert [r["body"] for r in exported] == ["First *thought*", "Second thought"]
    with pytest.raises(ValidationError) as raised:
        call(container, "export_my_reflections", "PDF")
    assert raised.value.errors[0]["field"] == "format"


def _database_bytes(url: str) -> bytes:
    path = Path(url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_a_deleted_reflection_is_gone_from_tables_outbox_and_file(reflections):
    container, url = reflections
    secret = "Confidential-7f3a: I am thinking of leaving"
    private = call(container, "write_reflection", {"body": secret, "tags": ["career"]})
    shared = call(container, "write_reflection", {"body": f"Shared {secret}",
                                                  "visibility": "TEAM"})
    call(container, "update_reflection", private["id"], {"body": f"{secret} (edited)"})
    for reflection in (private, shared):
        assert call(container, "delete_reflection", reflection["id"]) == {"id": reflection["id"]}
        with pytest.raises(NotFound):
            call(container, "get_reflection", reflection["id"])
    assert count(url, Reflection.__table__) == count(url, ReflectionTag.__table__) == 0
    outbox = [json.loads(p) for (p,) in rows(url, select(OUTBOX.c.payload))]
    assert [m["event_type"] for m in outbox] == ["reflection_unshared"]
    assert "Confidential-7f3a" not in json.dumps(outbox)
    if url.startswith("sqlite"):  # not even in the file's free pages or its write-ahead log
        assert b"Confidential-7f3a" not in _database_bytes(url)


def test_only_the_author_turns_a_reflection_into_an_idea_linked_both_ways(with_ideas):
    reflections, ideas = with_ideas
    body = "## What did I learn?\nChangeovers take long because fixtures are scattered."
    mine = call(reflections, "write_reflection", {"body": body, "tags": ["SMED"],
                                                  "visibility": "TEAM"})
    with pytest.raises(PermissionDenied):
        call(reflections, "turn_into_idea", mine["id"], "Changeover cart", identity=TOM)
    with pytest.raises(NotFound):
        call(reflections, "turn_into_idea", mine["id"], "Changeover cart", identity=BEN)
    with pytest.raises(ValidationError) as raised:
        call(reflections, "turn_into_idea", mine["id"], "ab")
    assert raised.value.errors[0]["field"] == "title"
    turned = call(reflections, "turn_into_idea", mine["id"], "Changeover cart")
    idea = call(ideas, "get_ideas", [turned["idea"]["id"]])[0]
    assert idea["title"] == "Changeover cart" and idea["author_id"] == ANA.user_id
    assert idea["problem"] == body and idea["tags"] == ["smed"]
    assert idea["source_reflection_id"] == mine["id"]
    assert call(reflections, "get_reflection", mine["id"])["idea_id"] == idea["id"]
    with pytest.raises(Conflict):
        call(reflections, "turn_into_idea", mine["id"], "Changeover cart again")


def test_links_to_ideas_are_checked_against_the_ideas_service(with_ideas):
    reflections, ideas = with_ideas
    idea = call(ideas, "submit_idea", {"title": "Label every drawer"})
    linked = call(reflections, "write_reflection", {
        "body": "Tried it", "links": [{"kind": "IDEA", "id": idea["id"]}]})
    assert linked["links"] == [{"kind": "IDEA", "id": idea["id"]}]
    with pytest.raises(ValidationError) as raised:
        call(reflections, "update_reflection", linked["id"],
             {"links": [{"kind": "IDEA", "id": "no-such-idea"}]})
    assert raised.value.errors == [{"field": "links", "message": "no idea with id no-such-idea"}]
    assert call(reflections, "get_reflection", linked["id"])["links"][0]["id"] == idea["id"]


def test_links_to_a_service_that_is_not_deployed_are_kept_unchecked(reflections):
    container, url = reflections  # no experiments service on this broker
    linked = call(container, "write_reflection", {
        "body": "After the trial", "links": [{"kind": "EXPERIMENT", "id": "exp-1"}]})
    assert linked["links"] == [{"kind": "EXPERIMENT", "id": "exp-1"}]
    assert count(url, ReflectionLink.__table__) == 1


def test_anonymous_callers_are_refused(reflections):
    container, _ = reflections
    for method, args in [("write_reflection", ({"body": "x"},)), ("list_my_reflections", ()),
                         ("list_team_reflections", ()), ("get_reflection", ("x",)),
                         ("reflection_habit", ()), ("list_prompts", ())]:
        with pytest.raises(Unauthenticated):
            call(container, method, *args, identity=None)


def test_links_to_opportunities_are_checked_against_the_career_service(start_service,
                                                                       reflections):
    from services.career.service import CareerService

    career = start_service(CareerService)
    gig = call(career, "post_opportunity", {"kind": "GIG", "title": "Automate the scrap report"})
    linked = call(reflections[0], "write_reflection", {
        "body": "Would love this gig", "links": [{"kind": "OPPORTUNITY", "id": gig["id"]}]})
    assert linked["links"] == [{"kind": "OPPORTUNITY", "id": gig["id"]}]
    with pytest.raises(ValidationError) as raised:
        call(reflections[0], "write_reflection", {
            "body": "Typo", "links": [{"kind": "OPPORTUNITY", "id": "no-such-gig"},
                                      {"kind": "OPPORTUNITY", "id": gig["id"]}]})
    assert raised.value.errors == [
        {"field": "links", "message": "no opportunity with id no-such-gig"}]


def test_lists_page_with_cursors_and_refuse_bad_windows(reflections):
    container, _ = reflections
    for i in range(3):
        call(container, "write_reflection", {"body": f"Shared {i}", "visibility": "TEAM"},
             identity=TOM)
    first = call(container, "list_team_reflections", None, 2)
    assert first["total"] == 3 and first["has_next"]
    rest = call(container, "list_team_reflections", None, 2, first["end_cursor"])
    assert [r["body"] for r in first["items"] + rest["items"]] == [
        "Shared 2", "Shared 1", "Shared 0"] and not rest["has_next"]
    for method in ("list_my_reflections", "list_team_reflections"):
        for args, field in [((None, 0), "first"), ((None, 101), "first"),
                            ((None, 5, "bm90LWEtY3Vyc29y"), "after")]:
            with pytest.raises(ValidationError) as raised:
                call(container, method, *args)
            assert raised.value.errors[0]["field"] == field, (method, args)


def test_links_to_experiments_are_checked_against_the_experiments_service(
        container_factory, rabbit_config, make_db, reflections):
    from tests.integration.experiments.support import plan, start_kaizen

    kaizen = start_kaizen(container_factory, rabbit_config, make_db, with_ideas=False)
    experiment = plan(kaizen)
    linked = call(reflections[0], "write_reflection", {
        "body": "What the SMED trial taught me",
        "links": [{"kind": "EXPERIMENT", "id": experiment["id"]}]})
    assert linked["links"] == [{"kind": "EXPERIMENT", "id": experiment["id"]}]
    with pytest.raises(ValidationError) as raised:
        call(reflections[0], "update_reflection", linked["id"],
             {"links": [{"kind": "EXPERIMENT", "id": "no-such-experiment"}]})
    assert raised.value.errors == [
        {"field": "links", "message": "no experiment with id no-such-experiment"}]
    assert call(reflections[0], "get_reflection", linked["id"])["links"] == linked["links"]


def test_a_reflection_deleted_with_an_idempotency_key_is_gone_from_the_file(reflections):
    """The portal sends a key with every change: the log is folded after the change and
    its key commit together, not before (shared.idempotency holds the commit back)."""
    container, url = reflections
    secret = "Confidential-91c2: my manager does not know yet"
    private = call(container, "write_reflection", {"body": secret})
    context = {**services.as_user(ANA, "reflections"),
               **idempotency.context_data("k-delete", "reflections.delete_reflection")}
    for _ in range(2):  # the retry answers the first result
        with entrypoint_hook(container, "delete_reflection", context_data=context) as hook:
            assert hook(private["id"]) == {"id": private["id"]}
    assert count(url, Reflection.__table__) == 0
    if url.startswith("sqlite"):
        assert b"Confidential-91c2" not in _database_bytes(url)
