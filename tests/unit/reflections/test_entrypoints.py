"""The decisions the reflections entrypoints make, without a broker: who may call, what is
emitted, what is committed (nameko's worker_factory; see conftest.py)."""
from __future__ import annotations

import pytest
from nameko.cli.run import import_service
from sqlalchemy import select

from services.reflections.models import OUTBOX, Reflection
from services.reflections.service import ReflectionsService
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from shared.identity import SYSTEM, Identity
from tests.support.workers import after_call, emitted, outbox_types

AUTHOR = Identity("author", ("employee",), "Assembly")
MOVED = Identity("author", ("employee",), "Logistics")  # the author, in another team now
TEAMMATE = Identity("mate", ("employee",), "Assembly")
OTHER = Identity("other", ("employee",), "Logistics")
ADMIN = Identity("boss", ("employee", "admin"), "Assembly")


def written(worker, **fields) -> dict:
    """A reflection the author wrote and committed; the worker's records start afresh."""
    reflection = worker(AUTHOR).write_reflection({"body": "On the line", **fields})
    worker.db.reset_mock()
    return reflection


def bodies(worker) -> list[str]:
    return list(worker.session.scalars(select(Reflection.body)).all())


def test_nameko_run_finds_one_service_in_the_module():
    """The mixins are reached through their modules, so `nameko run` starts the service
    alone, not each mixin as a service of its own."""
    assert import_service("services.reflections.service") == [ReflectionsService]


# --- writing --------------------------------------------------------------------------

def test_a_private_reflection_is_committed_and_announced_to_nobody(worker):
    reflection = worker(AUTHOR).write_reflection({"body": "Mine", "mood": 2})
    worker.db.commit.assert_called_once()
    assert emitted(worker.db) == []
    after_call(worker.db)
    assert bodies(worker) == ["Mine"] and reflection["mood"] == 2
    assert reflection["team"] == "Assembly" and reflection["visibility"] == "PRIVATE"


def test_a_shared_reflection_is_announced_with_its_text_but_never_its_mood(worker):
    reflection = worker(AUTHOR).write_reflection({"body": "Kanban helps", "mood": 4,
                                                  "visibility": "TEAM", "tags": ["Flow"]})
    assert emitted(worker.db) == [("reflection_shared", {
        "reflection_id": reflection["id"], "author_id": "author", "team": "Assembly",
        "visibility": "TEAM", "text": "Kanban helps", "tags": ["flow"]})]
    worker.db.commit.assert_called_once()


def test_nobody_signed_in_writes_nothing(worker):
    with pytest.raises(Unauthenticated):
        worker(None).write_reflection({"body": "Anonymous"})
    worker.db.commit.assert_not_called()
    assert bodies(worker) == []


def test_a_link_its_owner_does_not_know_is_refused_before_anything_is_written(
        worker):
    service = worker(AUTHOR)
    service.ideas_rpc.get_ideas.call_async.return_value.result.return_value = [None]
    with pytest.raises(ValidationError) as raised:
        service.write_reflection({"body": "Linked", "links": [{"kind": "IDEA", "id": "i9"}]})
    assert raised.value.errors == [{"field": "links", "message": "no idea with id i9"}]
    service.ideas_rpc.get_ideas.call_async.assert_called_once_with(["i9"])
    worker.db.commit.assert_not_called()
    after_call(worker.db)
    assert bodies(worker) == []


@pytest.mark.parametrize(("identity", "refusal"), [
    (TEAMMATE, PermissionDenied),  # may read it, may not change it
    (OTHER, NotFound),             # may not even know it exists
])
def test_only_the_author_changes_or_deletes_a_reflection(worker, identity, refusal):
    reflection = written(worker, visibility="TEAM")
    with pytest.raises(refusal):
        worker(identity).update_reflection(reflection["id"], {"body": "Defaced"})
    with pytest.raises(refusal):
        worker(identity).delete_reflection(reflection["id"])
    worker.db.commit.assert_not_called()
    assert emitted(worker.db) == []
    after_call(worker.db)
    assert bodies(worker) == ["On the line"]


def test_making_it_private_withdraws_what_was_shared(worker):
    reflection = written(worker, visibility="ORGANIZATION")
    assert outbox_types(worker.session, OUTBOX) == ["reflection_shared"]
    worker(AUTHOR).update_reflection(reflection["id"], {"visibility": "PRIVATE"})
    assert emitted(worker.db) == [("reflection_unshared", {"reflection_id": reflection["id"]})]
    worker.db.commit.assert_called_once()
    assert outbox_types(worker.session, OUTBOX) == ["reflection_unshared"]


def test_choosing_a_visibility_again_shares_with_the_authors_team_of_today(worker):
    reflection = written(worker, visibility="TEAM")
    kept = worker(MOVED).update_reflection(reflection["id"], {"body": "Edited"})
    assert kept["team"] == "Assembly"
    assert [data["team"] for _, data in emitted(worker.db)] == ["Assembly"]
    moved = worker(MOVED).update_reflection(reflection["id"], {"visibility": "TEAM"})
    assert moved["team"] == "Logistics"
    assert [data["team"] for _, data in emitted(worker.db)] == ["Assembly", "Logistics"]


def test_a_change_to_a_private_reflection_tells_nobody(worker):
    reflection = written(worker)
    worker(AUTHOR).update_reflection(reflection["id"], {"body": "Still mine", "tags": ["x"]})
    assert emitted(worker.db) == []
    worker.db.commit.assert_called_once()


def test_deleting_commits_withdraws_and_then_folds_the_log(worker):
    reflection = written(worker, visibility="TEAM")
    assert worker(AUTHOR).delete_reflection(reflection["id"]) == {"id": reflection["id"]}
    assert emitted(worker.db) == [("reflection_unshared", {"reflection_id": reflection["id"]})]
    steps = [name for name, _, _ in worker.db.mock_calls if name in ("commit", "fold_log")]
    assert steps == ["commit", "fold_log"]
    after_call(worker.db)
    assert bodies(worker) == []
    assert outbox_types(worker.session, OUTBOX) == ["reflection_unshared"]


# --- reading --------------------------------------------------------------------------

def test_a_batch_read_answers_none_where_the_caller_may_not_read(worker):
    private = written(worker)
    team = written(worker, visibility="TEAM")
    ids = [team["id"], "unknown", private["id"]]
    assert [r and r["id"] for r in worker(TEAMMATE).get_reflections(ids)] == [
        team["id"], None, None]
    assert [r and r["id"] for r in worker(OTHER).get_reflections(ids)] == [None, None, None]


def test_a_private_reflection_is_missing_to_anyone_else_even_an_admin(worker):
    private = written(worker)
    with pytest.raises(NotFound) as unreadable:
        worker(ADMIN).get_reflection(private["id"])
    with pytest.raises(NotFound) as unknown:
        worker(ADMIN).get_reflection("unknown")
    assert unreadable.value.message == unknown.value.message


def test_a_shared_reflection_shows_its_mood_to_the_author_alone(worker):
    reflection = written(worker, visibility="TEAM", mood=5)
    assert worker(AUTHOR).get_reflection(reflection["id"])["mood"] == 5
    assert worker(TEAMMATE).get_reflection(reflection["id"])["mood"] is None


def test_the_team_list_is_what_is_shared_with_the_caller(worker):
    written(worker)
    team = written(worker, visibility="TEAM")
    assert [r["id"] for r in worker(TEAMMATE).list_team_reflections()["items"]] == [team["id"]]
    assert worker(OTHER).list_team_reflections()["items"] == []
    assert len(worker(AUTHOR).list_my_reflections()["items"]) == 2
    assert worker(TEAMMATE).list_my_reflections()["items"] == []


def test_a_bad_list_filter_is_refused_by_field(worker):
    with pytest.raises(ValidationError) as raised:
        worker(AUTHOR).list_my_reflections({"from": "yesterday"})
    assert [e["field"] for e in raised.value.errors] == ["from"]


# --- one's own journal -----------------------------------------------------------------

def test_the_habit_and_the_export_are_the_callers_own(worker):
    written(worker, visibility="ORGANIZATION")
    assert worker(AUTHOR).reflection_habit()["this_week"] == 1
    assert worker(OTHER).reflection_habit() == {"weeks": 0, "this_week": 0}
    assert "On the line" in worker(AUTHOR).export_my_reflections("MARKDOWN")
    assert "On the line" not in worker(OTHER).export_my_reflections("MARKDOWN")


# --- turning a reflection into an idea -----------------------------------------------------

def test_the_author_turns_a_reflection_into_one_idea(worker):
    reflection = written(worker, tags=["flow"])
    service = worker(AUTHOR)
    service.ideas_rpc.submit_idea.return_value = {"id": "idea-1"}
    answer = service.turn_into_idea(reflection["id"], "Kanban on line 2")
    service.ideas_rpc.submit_idea.assert_called_once_with({
        "title": "Kanban on line 2", "problem": "On the line", "tags": ["flow"],
        "source_reflection_id": reflection["id"]})
    assert answer["reflection"]["idea_id"] == "idea-1" and answer["idea"] == {"id": "idea-1"}
    worker.db.commit.assert_called_once()
    with pytest.raises(Conflict):
        service.turn_into_idea(reflection["id"], "Again")
    service.ideas_rpc.submit_idea.assert_called_once()


def test_a_reader_who_is_not_the_author_submits_nothing(worker):
    reflection = written(worker, visibility="TEAM")
    service = worker(TEAMMATE)
    with pytest.raises(PermissionDenied):
        service.turn_into_idea(reflection["id"], "Not mine")
    service.ideas_rpc.submit_idea.assert_not_called()
    worker.db.commit.assert_not_called()


# --- prompts --------------------------------------------------------------------------

def test_only_admins_add_and_archive_prompts(worker):
    fields = {"title": "Safety moment", "questions": ["What near miss?"]}
    with pytest.raises(PermissionDenied):
        worker(AUTHOR).create_prompt(fields)
    worker.db.commit.assert_not_called()
    prompt = worker(ADMIN).create_prompt(fields)
    worker.db.commit.assert_called_once()
    assert prompt["id"] in [p["id"] for p in worker(AUTHOR).list_prompts()]
    with pytest.raises(PermissionDenied):
        worker(AUTHOR).archive_prompt(prompt["id"])
    assert worker(ADMIN).archive_prompt(prompt["id"])["id"] == prompt["id"]
    assert prompt["id"] not in [p["id"] for p in worker(AUTHOR).list_prompts()]
    with pytest.raises(NotFound):
        worker(ADMIN).archive_prompt(prompt["id"])
    with pytest.raises(NotFound):
        worker(ADMIN).archive_prompt("builtin-retrospective")


# --- the seed -------------------------------------------------------------------------

SEEDS = [{"author_id": "p1", "team": "Assembly", "created_at": "2024-05-01T09:00:00+00:00",
          "body": "Seeded", "visibility": "TEAM"},
         {"author_id": "p2", "created_at": "2024-05-02T09:00:00+00:00", "body": "Quiet"}]


def test_only_the_system_identity_seeds_reflections(worker):
    with pytest.raises(PermissionDenied):
        worker(ADMIN).import_reflections(SEEDS)
    with pytest.raises(PermissionDenied):
        worker(Identity("system", ("employee",))).import_reflections(SEEDS)
    worker.db.commit.assert_not_called()
    assert bodies(worker) == []


def test_a_seed_is_committed_once_and_announces_what_it_shares(worker):
    ids = worker(SYSTEM).import_reflections(SEEDS)
    worker.db.commit.assert_called_once()
    assert [(kind, data["reflection_id"]) for kind, data in emitted(worker.db)] == [
        ("reflection_shared", ids[0])]
    after_call(worker.db)
    assert sorted(worker.session.scalars(select(Reflection.author_id)).all()) == ["p1", "p2"]


def test_one_bad_seed_writes_none_of_them(worker):
    with pytest.raises(ValidationError):
        worker(SYSTEM).import_reflections([SEEDS[0], {**SEEDS[1], "author_id": ""}])
    worker.db.commit.assert_not_called()
    after_call(worker.db)
    assert bodies(worker) == []
