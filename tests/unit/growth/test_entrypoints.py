"""GrowthService's entrypoints with nameko's worker_factory on a migrated SQLite file (the
directory faked): who sees goals, moods, notes and kudos, as a matrix of owner, manager,
manager's manager, same team, other team and admin; carry-over across weeks with the clock
file; one-on-ones and their action items; kudos evidence events."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared import clock
from shared.errors import Conflict, NotFound, PermissionDenied, ValidationError

VIEWERS = ("ana", "mia", "dana", "carl", "ben", "ada")


@pytest.fixture
def clock_file(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    path.write_text("0")
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    return path


def goal(growth, person, **fields):
    fields = {"title": "Cut changeover time", "key_results": [
        {"title": "Changeover minutes", "start": 45, "target": 25, "unit": "min"},
        {"title": "Teams trained", "start": 0, "target": 4}], **fields}
    return growth.call("set_goal", fields, identity=person)


def readers(growth, people, method, *args):
    """Who of VIEWERS reads it (NotFound or None means not)."""
    found = set()
    for name in VIEWERS:
        try:
            answer = growth.call(method, *args, identity=people[name])
        except NotFound:
            continue
        if answer not in (None, [None]):
            found.add(name)
    return found


@pytest.mark.parametrize(("visibility", "expected"), [
    ("PRIVATE", {"ana", "mia", "dana"}),
    ("TEAM", {"ana", "mia", "dana", "carl", "ada"}),
    ("ORGANISATION", set(VIEWERS)),
])
def test_who_reads_a_persons_goal(growth, people, visibility, expected):
    made = goal(growth, people["ana"], visibility=visibility)
    assert readers(growth, people, "get_goals", [made["id"]]) == expected


def test_progress_is_computed_and_follows_key_result_updates(growth, people):
    made = goal(growth, people["ana"])
    assert made["owner_id"] == "ana" and made["team"] == "Assembly"
    assert made["progress"] == 0.0 and made["period"].count("-Q") == 1
    first = made["key_results"][0]["id"]
    after = growth.call("update_key_result", first, 35, "new quick-change clamps",
                        identity=people["ana"])
    assert after["key_results"][0]["current"] == 35
    assert after["progress"] == pytest.approx(0.25)
    with pytest.raises(PermissionDenied):
        growth.call("update_key_result", first, 30, "", identity=people["carl"])
    assert growth.call("update_key_result", first, 25, "", identity=people["mia"])[
        "progress"] == pytest.approx(0.5)


def test_team_goals_form_a_tree_and_only_a_manager_of_the_team_sets_one(growth, people):
    with pytest.raises(PermissionDenied):
        goal(growth, people["ana"], team="Assembly")
    with pytest.raises(PermissionDenied):
        goal(growth, people["quinn"], team="Assembly")
    team = goal(growth, people["mia"], team="Assembly", title="Halve scrap")
    mine = goal(growth, people["ana"], parent_id=team["id"])
    [tree] = growth.call("get_goals", [team["id"]], identity=people["carl"])
    assert tree["child_ids"] == [mine["id"]] and mine["parent_id"] == team["id"]
    with pytest.raises(Conflict):  # a person's goal has no goals under it
        goal(growth, people["carl"], parent_id=mine["id"])
    with pytest.raises(ValidationError) as raised:  # not readable: as if unknown
        goal(growth, people["ben"], parent_id=team["id"])
    assert raised.value.errors[0]["field"] == "parentId"
    listed = growth.call("list_goals", team="Assembly", identity=people["carl"])
    assert [g["id"] for g in listed] == [team["id"], mine["id"]]


def test_a_goal_aligns_under_a_team_goal_only_and_never_in_a_loop(growth, people):
    team = goal(growth, people["mia"], team="Assembly")
    below = goal(growth, people["mia"], team="Assembly", parent_id=team["id"])
    with pytest.raises(Conflict):
        growth.call("update_goal", team["id"], {"parent_id": below["id"]},
                    identity=people["mia"])
    mine = goal(growth, people["ana"])
    with pytest.raises(Conflict):
        goal(growth, people["ana"], parent_id=mine["id"])


def check_in(growth, person, **fields):
    fields = {"plans": ["Fix the jig", "Order gloves"], "progress": ["Trained Carl"],
              "problems": ["The torque tool drifts"], "mood": 2, **fields}
    return growth.call("submit_check_in", fields, identity=person)


def test_who_sees_a_check_in_and_its_mood(growth, people):
    mine = check_in(growth, people["ana"])
    moods = {}
    for name in ("ana", "mia", "dana", "carl", "quinn", "ada", "ben"):
        try:
            [seen] = growth.call("get_check_ins", [mine["id"]], identity=people[name])
        except NotFound:
            seen = None
        moods[name] = seen and seen["mood"]
    assert moods == {"ana": 2, "mia": 2, "dana": 2, "carl": None, "quinn": None,
                     "ada": None, "ben": None}
    [for_ben] = growth.call("get_check_ins", [mine["id"]], identity=people["ben"])
    assert for_ben is None
    team = growth.call("team_check_ins", "Assembly", identity=people["quinn"])
    assert [(c["person_id"], c["mood"]) for c in team] == [("ana", None)]
    assert growth.events("check_in_submitted")[0] == {
        "check_in_id": mine["id"], "person_id": "ana", "team": "Assembly",
        "week_of": mine["week_of"], "problem_count": 1}
    assert "mood" not in growth.events("check_in_submitted")[0]


def test_plans_not_done_carry_into_next_week(growth, people, clock_file):
    first = check_in(growth, people["ana"])
    clock.advance(clock_file, timedelta(days=7))
    draft = growth.call("check_in_draft", identity=people["ana"])
    assert draft["carried_plans"] == ["Fix the jig", "Order gloves"]
    assert draft["check_in"] is None and draft["week_of"] > first["week_of"]
    second = check_in(growth, people["ana"], plans=["Write the standard"],
                      done_plans=["order gloves"])
    assert second["plans"] == [
        {"text": "Fix the jig", "done": False, "carried": True},
        {"text": "Write the standard", "done": False, "carried": False}]
    [before] = growth.call("get_check_ins", [first["id"]], identity=people["ana"])
    assert [p["done"] for p in before["plans"]] == [False, True]
    clock.advance(clock_file, timedelta(days=14))  # a week skipped still carries
    assert growth.call("check_in_draft", identity=people["ana"])["carried_plans"] == [
        "Fix the jig", "Write the standard"]


def test_a_check_in_is_for_this_week_or_earlier_and_once_per_week(growth, people):
    future = (datetime.now(UTC) + timedelta(days=8)).date().isoformat()
    with pytest.raises(Conflict):
        check_in(growth, people["ana"], week_of=future)
    first = check_in(growth, people["ana"])
    again = check_in(growth, people["ana"], problems=[], mood=4)
    assert again["id"] == first["id"] and again["problems"] == [] and again["mood"] == 4
    assert len(growth.call("my_check_ins", identity=people["ana"])) == 1


def test_only_a_manager_of_the_person_reacts_and_may_put_it_on_the_agenda(growth, people):
    mine = check_in(growth, people["ana"])
    for name in ("carl", "quinn", "ada"):
        with pytest.raises(PermissionDenied):
            growth.call("react_to_check_in", mine["id"], "👍", identity=people[name])
    with pytest.raises(Conflict):  # no one-on-ones yet
        growth.call("react_to_check_in", mine["id"], None, "Let us talk about the tool",
                    True, identity=people["mia"])
    meeting = growth.call("schedule_one_on_ones", "ana", "WEEKLY",
                          (datetime.now(UTC) + timedelta(days=2)).isoformat(),
                          identity=people["mia"])
    reacted = growth.call("react_to_check_in", mine["id"], "👍", "Let us talk about the tool",
                          True, identity=people["mia"])
    assert [(r["author_id"], r["emoji"]) for r in reacted["reactions"]] == [("mia", "👍")]
    agenda = growth.call("get_one_on_one", meeting["id"], identity=people["ana"])
    assert [p["text"] for p in agenda["talking_points"]] == ["Let us talk about the tool"]
    assert growth.events("check_in_reacted")[0]["person_id"] == "ana"


def test_a_problem_becomes_an_idea_by_its_author_only_once(growth, people):
    mine = check_in(growth, people["ana"])
    growth.dependencies["ideas_rpc"].submit_idea.return_value = {"id": "idea-1"}
    with pytest.raises(PermissionDenied):
        growth.call("turn_problem_into_idea", mine["id"], 0, identity=people["mia"])
    with pytest.raises(NotFound):
        growth.call("turn_problem_into_idea", mine["id"], 3, identity=people["ana"])
    turned = growth.call("turn_problem_into_idea", mine["id"], 0, identity=people["ana"])
    assert turned["idea"] == {"id": "idea-1"}
    assert turned["check_in"]["problems"][0]["idea_id"] == "idea-1"
    growth.dependencies["ideas_rpc"].submit_idea.assert_called_once_with({
        "title": "The torque tool drifts", "problem": "The torque tool drifts",
        "source_ref": f"growth:check-in:{mine['id']}:0"})
    with pytest.raises(Conflict):
        growth.call("turn_problem_into_idea", mine["id"], 0, identity=people["ana"])
    again = check_in(growth, people["ana"], mood=3)  # resubmitted: the link stays
    assert again["problems"][0]["idea_id"] == "idea-1"


def meet(growth, people, starts=None):
    starts = starts or datetime.now(UTC) + timedelta(days=2)
    return growth.call("schedule_one_on_ones", "ana", "WEEKLY", starts.isoformat(),
                       identity=people["mia"])


def test_only_the_manager_schedules_and_only_the_two_see_the_one_on_one(growth, people):
    for name in ("carl", "dana", "ana"):
        with pytest.raises(PermissionDenied):
            growth.call("schedule_one_on_ones", "ana", "WEEKLY", "2026-12-07T10:00:00+00:00",
                    identity=people[name])
    meeting = meet(growth, people)
    assert readers(growth, people, "get_one_on_one", meeting["id"]) == {"ana", "mia"}
    with pytest.raises(ValidationError) as raised:
        growth.call("schedule_one_on_ones", "ana", "DAILY", "tomorrow", identity=people["mia"])
    assert {e["field"] for e in raised.value.errors} == {"every", "startsAt"}


@pytest.mark.parametrize(("visibility", "expected"), [
    ("PRIVATE", {"ana"}), ("SHARED", {"ana", "mia"})])
def test_who_reads_a_one_on_one_note(growth, people, visibility, expected):
    meeting = meet(growth, people)
    growth.call("add_one_on_one_note", meeting["id"], "I want to learn SMED", visibility,
                identity=people["ana"])
    seen = {name for name in ("ana", "mia")
            if growth.call("get_one_on_one", meeting["id"], identity=people[name])["notes"]}
    assert seen == expected


def test_action_items_carry_forward_until_done(growth, people, clock_file):
    meeting = meet(growth, people, datetime.now(UTC) + timedelta(hours=2))
    item = growth.call("add_action_item", meeting["id"], "Book the SMED course", "ana",
                       identity=people["mia"])
    assert set(item) == {"id", "text", "owner_id", "done", "created_at", "completed_at"}
    assert item["done"] is False and item["owner_id"] == "ana"
    with pytest.raises(ValidationError):
        growth.call("add_action_item", meeting["id"], "Something", "carl",
                    identity=people["mia"])
    with pytest.raises(NotFound):
        growth.call("add_action_item", meeting["id"], "Something", "ana",
                    identity=people["carl"])
    clock.advance(clock_file, timedelta(days=7))
    [upcoming, *_] = growth.call("list_one_on_ones", identity=people["ana"])
    assert upcoming["id"] != meeting["id"]
    carried = growth.call("get_one_on_one", upcoming["id"], identity=people["ana"])
    assert [i["id"] for i in carried["action_items"]] == [item["id"]]
    with pytest.raises(NotFound):
        growth.call("complete_action_item", item["id"], identity=people["carl"])
    done = growth.call("complete_action_item", item["id"], identity=people["ana"])
    assert done["done"] is True and done["completed_at"]
    assert growth.call("complete_action_item", item["id"], identity=people["ana"]) == done
    clock.advance(clock_file, timedelta(days=7))
    [later, *_] = growth.call("list_one_on_ones", identity=people["mia"])
    assert growth.call("get_one_on_one", later["id"], identity=people["mia"])[
        "action_items"] == []


def test_a_reminder_goes_out_once_a_day_before_each_meeting(growth, people, clock_file):
    meeting = meet(growth, people, datetime.now(UTC) + timedelta(days=3))
    growth.call("send_reminders", identity=None)
    assert growth.events("one_on_one_reminder_due") == []
    clock.advance(clock_file, timedelta(days=2, hours=1))
    growth.call("send_reminders", identity=None)
    growth.call("send_reminders", identity=None)
    assert growth.events("one_on_one_reminder_due") == [{
        "one_on_one_id": meeting["id"], "manager_id": "mia", "report_id": "ana",
        "scheduled_at": meeting["scheduled_at"]}]


def test_people_who_check_in_are_reminded_on_thursday_once(growth, people, clock_file):
    check_in(growth, people["ana"])
    check_in(growth, people["carl"])
    today = datetime.now(UTC).date()
    clock.advance(clock_file, timedelta(days=7 - today.weekday() + 3))  # next Thursday
    check_in(growth, people["carl"])
    growth.call("send_reminders", identity=None)
    growth.call("send_reminders", identity=None)
    assert [e["person_id"] for e in growth.events("check_in_reminder_due")] == ["ana"]


@pytest.mark.parametrize(("visibility", "expected"), [
    ("PRIVATE", {"carl", "ana"}), ("PUBLIC", set(VIEWERS) | {"carl"})])
def test_who_reads_kudos_in_the_team_feed(growth, people, visibility, expected):
    growth.call("give_kudos", {"to_person_id": "ana", "visibility": visibility,
                               "message": "Thanks for fixing the jig before the audit!"},
                identity=people["carl"])
    seen = {name for name in (*VIEWERS, "carl")
            if growth.call("kudos_feed", "Assembly", identity=people[name])["items"]}
    assert seen == expected


def test_kudos_check_their_recipient_and_link_and_announce_the_skill(growth, people):
    with pytest.raises(Conflict):
        growth.call("give_kudos", {"to_person_id": "ana", "message": "x" * 25},
                    identity=people["ana"])
    with pytest.raises(NotFound):
        growth.call("give_kudos", {"to_person_id": "nobody", "message": "x" * 25},
                    identity=people["ana"])
    growth.dependencies["ideas_rpc"].get_ideas.return_value = [None]
    with pytest.raises(ValidationError) as raised:
        growth.call("give_kudos", {"to_team_id": "Assembly", "message": "x" * 25,
                                   "link": {"kind": "IDEA", "id": "nope"}},
                    identity=people["ben"])
    assert raised.value.errors[0]["field"] == "link.id"
    given = growth.call("give_kudos", {
        "to_person_id": "ana", "message": "Your SMED workshop cut our changeover by half",
        "skill": "SMED"}, identity=people["ben"])
    [event] = growth.events("kudos_given")
    assert event["kudos_id"] == given["id"] and event["skill"] == "SMED"
    assert event["to_person_id"] == "ana" and event["team"] == "Assembly"


def test_the_team_view_shows_moods_only_within_the_viewers_chain(growth, people):
    check_in(growth, people["ana"])
    goal(growth, people["mia"], team="Assembly")
    with pytest.raises(PermissionDenied):
        growth.call("team_growth", "Assembly", identity=people["carl"])
    for_mia = growth.call("team_growth", "Assembly", identity=people["mia"])
    for_quinn = growth.call("team_growth", "Assembly", identity=people["quinn"])
    assert for_mia["members"] == 3 and for_mia["checked_in"] == 1
    moods = {p["person_id"]: p["mood"] for p in for_mia["people"]}
    assert moods == {"mia": None, "ana": 2, "carl": None}
    assert {p["mood"] for p in for_quinn["people"]} == {None}
    assert [p["text"] for p in for_mia["open_problems"]] == ["The torque tool drifts"]
    assert for_mia["goal_progress"] == 0.0 and len(for_mia["goals"]) == 1
