"""The decisions the reflections entrypoints make, on workers from nameko's worker_factory:
who may call, what is committed, what is emitted. (The broker-backed tier is
tests/integration/reflections.)"""
from __future__ import annotations

import pytest
from nameko.cli.run import import_service
from sqlalchemy import select

from services.reflections.models import Reflection
from services.reflections.service import ReflectionsService
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from shared.identity import SYSTEM, Identity

AUTHOR = Identity("author", ("employee",), "Assembly")
MOVED = Identity("author", ("employee",), "Logistics")  # the author, in another team now
TEAMMATE = Identity("mate", ("employee",), "Assembly")
OTHER = Identity("other", ("employee",), "Logistics")
ADMIN = Identity("boss", ("employee", "admin"), "Assembly")


def write(reflections, identity=AUTHOR, **fields) -> dict:
    return reflections.call("write_reflection", {"body": "On the line", **fields},
                            identity=identity)


def bodies(reflections) -> list[str]:
    return [body for (body,) in reflections.rows(select(Reflection.body))]


def test_nameko_run_finds_one_service_in_the_module():
    """The mixins are reached through their modules, so `nameko run` starts the service
    alone, not each mixin as a service of its own."""
    assert import_service("services.reflections.service") == [ReflectionsService]


# --- writing --------------------------------------------------------------------------

def test_a_private_reflection_is_committed_and_announced_to_nobody(reflections):
    reflection = write(reflections, mood=2)
    assert bodies(reflections) == ["On the line"] and reflections.events() == []
    assert (reflection["team"], reflection["visibility"], reflection["mood"]) == (
        "Assembly", "PRIVATE", 2)


def test_a_shared_reflection_is_announced_with_its_text_but_never_its_mood(reflections):
    reflection = write(reflections, mood=4, visibility="TEAM", tags=["Flow"])
    assert reflections.events() == [{
        "reflection_id": reflection["id"], "author_id": "author", "team": "Assembly",
        "visibility": "TEAM", "text": "On the line", "tags": ["flow"]}]


def test_nobody_signed_in_writes_nothing(reflections):
    with pytest.raises(Unauthenticated):
        write(reflections, identity=None)
    assert bodies(reflections) == []


def test_a_link_its_owner_does_not_know_is_refused_and_nothing_is_written(reflections, peers):
    ideas = peers["ideas_rpc"]
    ideas.get_ideas.call_async.return_value.result.return_value = [None]
    with pytest.raises(ValidationError) as raised:
        write(reflections, visibility="TEAM", links=[{"kind": "IDEA", "id": "i9"}])
    assert raised.value.errors == [{"field": "links", "message": "no idea with id i9"}]
    ideas.get_ideas.call_async.assert_called_once_with(["i9"])
    assert bodies(reflections) == [] and reflections.events() == []


@pytest.mark.parametrize(("identity", "refusal"), [
    (TEAMMATE, PermissionDenied),  # may read it, may not change it
    (OTHER, NotFound),             # may not even know it exists
])
def test_only_the_author_changes_or_deletes_a_reflection(reflections, identity, refusal):
    reflection = write(reflections, visibility="TEAM")
    with pytest.raises(refusal):
        reflections.call("update_reflection", reflection["id"], {"body": "Defaced"},
                         identity=identity)
    with pytest.raises(refusal):
        reflections.call("delete_reflection", reflection["id"], identity=identity)
    assert bodies(reflections) == ["On the line"]
    assert len(reflections.events()) == 1 and reflections.folded == []


def test_making_it_private_withdraws_what_was_shared(reflections):
    reflection = write(reflections, visibility="ORGANIZATION")
    reflections.call("update_reflection", reflection["id"], {"visibility": "PRIVATE"},
                     identity=AUTHOR)
    assert reflections.events("reflection_shared") == []  # not even the earlier copy
    assert reflections.events("reflection_unshared") == [{"reflection_id": reflection["id"]}]


def test_choosing_a_visibility_again_shares_with_the_authors_team_of_today(reflections):
    reflection = write(reflections, visibility="TEAM")
    kept = reflections.call("update_reflection", reflection["id"], {"body": "Edited"},
                            identity=MOVED)
    assert kept["team"] == "Assembly"
    assert [e["team"] for e in reflections.events("reflection_shared")] == ["Assembly"]
    moved = reflections.call("update_reflection", reflection["id"], {"visibility": "TEAM"},
                             identity=MOVED)
    assert moved["team"] == "Logistics"
    assert [e["team"] for e in reflections.events("reflection_shared")] == ["Logistics"]


def test_a_change_to_a_private_reflection_tells_nobody(reflections):
    reflection = write(reflections)
    reflections.call("update_reflection", reflection["id"], {"body": "Still mine"},
                     identity=AUTHOR)
    assert bodies(reflections) == ["Still mine"] and reflections.events() == []


def test_deleting_commits_withdraws_and_then_folds_the_log(reflections):
    reflection = write(reflections, visibility="TEAM")
    assert reflections.call("delete_reflection", reflection["id"], identity=AUTHOR) == {
        "id": reflection["id"]}
    assert bodies(reflections) == [] and reflections.folded == [0]  # folded after the commit
    assert reflections.events("reflection_shared") == []
    assert reflections.events("reflection_unshared") == [{"reflection_id": reflection["id"]}]


# --- reading --------------------------------------------------------------------------

def test_a_batch_read_answers_none_where_the_caller_may_not_read(reflections):
    private, team = write(reflections), write(reflections, visibility="TEAM")
    ids = [team["id"], "unknown", private["id"]]
    found = {who.user_id: [r and r["id"] for r in reflections.call("get_reflections", ids,
                                                                   identity=who)]
             for who in (TEAMMATE, OTHER)}
    assert found == {"mate": [team["id"], None, None], "other": [None, None, None]}


def test_a_private_reflection_is_missing_to_anyone_else_even_an_admin(reflections):
    private = write(reflections)
    with pytest.raises(NotFound) as unreadable:
        reflections.call("get_reflection", private["id"], identity=ADMIN)
    with pytest.raises(NotFound) as unknown:
        reflections.call("get_reflection", "unknown", identity=ADMIN)
    assert unreadable.value.message == unknown.value.message


def test_a_shared_reflection_shows_its_mood_to_the_author_alone(reflections):
    reflection = write(reflections, visibility="TEAM", mood=5)
    moods = [reflections.call("get_reflection", reflection["id"], identity=who)["mood"]
             for who in (AUTHOR, TEAMMATE)]
    assert moods == [5, None]


def test_the_lists_are_ones_own_and_what_is_shared_with_one(reflections):
    write(reflections)
    team = write(reflections, visibility="TEAM")

    def listed(method, identity):
        return [r["id"] for r in reflections.call(method, identity=identity)["items"]]

    assert listed("list_team_reflections", TEAMMATE) == [team["id"]]
    assert listed("list_team_reflections", OTHER) == []
    assert len(listed("list_my_reflections", AUTHOR)) == 2
    assert listed("list_my_reflections", TEAMMATE) == []
    with pytest.raises(ValidationError) as raised:
        reflections.call("list_my_reflections", {"from": "yesterday"}, identity=AUTHOR)
    assert [e["field"] for e in raised.value.errors] == ["from"]


# --- one's own journal ----------------------------------------------------------------

def test_the_habit_and_the_export_are_the_callers_own(reflections):
    write(reflections, visibility="ORGANIZATION")
    assert reflections.call("reflection_habit", identity=AUTHOR)["this_week"] == 1
    assert reflections.call("reflection_habit", identity=OTHER) == {"weeks": 0, "this_week": 0}
    exports = [reflections.call("export_my_reflections", "MARKDOWN", identity=who)
               for who in (AUTHOR, OTHER)]
    assert "On the line" in exports[0] and "On the line" not in exports[1]


# --- turning a reflection into an idea ------------------------------------------------

def test_the_author_turns_a_reflection_into_one_idea(reflections, peers):
    ideas = peers["ideas_rpc"]
    ideas.submit_idea.return_value = {"id": "idea-1"}
    reflection = write(reflections, tags=["flow"])
    answer = reflections.call("turn_into_idea", reflection["id"], "Kanban on line 2",
                              identity=AUTHOR)
    ideas.submit_idea.assert_called_once_with({
        "title": "Kanban on line 2", "problem": "On the line", "tags": ["flow"],
        "source_reflection_id": reflection["id"]})
    assert answer == {"reflection": {**answer["reflection"], "idea_id": "idea-1"},
                      "idea": {"id": "idea-1"}}
    assert reflections.rows(select(Reflection.idea_id)) == [("idea-1",)]
    with pytest.raises(Conflict):
        reflections.call("turn_into_idea", reflection["id"], "Again", identity=AUTHOR)
    ideas.submit_idea.assert_called_once()


def test_a_reader_who_is_not_the_author_submits_nothing(reflections, peers):
    reflection = write(reflections, visibility="TEAM")
    with pytest.raises(PermissionDenied):
        reflections.call("turn_into_idea", reflection["id"], "Not mine", identity=TEAMMATE)
    peers["ideas_rpc"].submit_idea.assert_not_called()
    assert reflections.rows(select(Reflection.idea_id)) == [(None,)]


# --- prompts --------------------------------------------------------------------------

def prompt_ids(reflections) -> list[str]:
    return [p["id"] for p in reflections.call("list_prompts", identity=AUTHOR)]


def test_only_admins_add_and_archive_prompts(reflections):
    fields = {"title": "Safety moment", "questions": ["What near miss?"]}
    with pytest.raises(PermissionDenied):
        reflections.call("create_prompt", fields, identity=AUTHOR)
    assert len(prompt_ids(reflections)) == 3  # the built-in ones
    prompt = reflections.call("create_prompt", fields, identity=ADMIN)
    assert prompt["id"] in prompt_ids(reflections)
    with pytest.raises(PermissionDenied):
        reflections.call("archive_prompt", prompt["id"], identity=AUTHOR)
    assert reflections.call("archive_prompt", prompt["id"], identity=ADMIN)["id"] == prompt["id"]
    assert prompt["id"] not in prompt_ids(reflections)
    for gone in (prompt["id"], "builtin-retrospective"):
        with pytest.raises(NotFound):
            reflections.call("archive_prompt", gone, identity=ADMIN)


# --- the seed -------------------------------------------------------------------------

SEEDS = [{"author_id": "p1", "team": "Assembly", "created_at": "2024-05-01T09:00:00+00:00",
          "body": "Seeded", "visibility": "TEAM"},
         {"author_id": "p2", "created_at": "2024-05-02T09:00:00+00:00", "body": "Quiet"}]


def test_only_the_system_identity_seeds_reflections(reflections):
    for caller in (ADMIN, Identity("system", ("employee",))):
        with pytest.raises(PermissionDenied):
            reflections.call("import_reflections", SEEDS, identity=caller)
    assert bodies(reflections) == []


def test_a_seed_is_committed_whole_and_announces_what_it_shares(reflections):
    ids = reflections.call("import_reflections", SEEDS, identity=SYSTEM)
    assert sorted(reflections.rows(select(Reflection.author_id))) == [("p1",), ("p2",)]
    assert [e["reflection_id"] for e in reflections.events()] == [ids[0]]


def test_one_bad_seed_writes_none_of_them(reflections):
    with pytest.raises(ValidationError):
        reflections.call("import_reflections", [SEEDS[0], {**SEEDS[1], "author_id": ""}],
                         identity=SYSTEM)
    assert bodies(reflections) == [] and reflections.events() == []
