"""The PDCA stage machine, who may do what, and which points form the baseline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import product

import pytest

from services.experiments import domain
from services.experiments.domain import Stage
from shared.errors import Conflict, PermissionDenied
from shared.identity import Identity

S = Stage
ALLOWED = {(S.PLAN, S.DO), (S.DO, S.STUDY), (S.STUDY, S.ACT), (S.ACT, S.CONCLUDED)}


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transitions(current, target):
    domain.check_transition(current, target)


@pytest.mark.parametrize(("current", "target"),
                         [pair for pair in product(Stage, Stage) if pair not in ALLOWED])
def test_every_other_transition_is_a_conflict_naming_both_stages(current, target):
    with pytest.raises(Conflict) as raised:
        domain.check_transition(current, target)
    assert f"from {current} to {target}" in raised.value.message


EXPECTED_MOVES = {
    ("start", S.PLAN): [(S.PLAN, S.DO)],
    ("study", S.DO): [(S.DO, S.STUDY)],
    ("conclude", S.STUDY): [(S.STUDY, S.ACT), (S.ACT, S.CONCLUDED)],
}


@pytest.mark.parametrize(("action", "current"), list(product(domain.ACTIONS, Stage)))
def test_each_action_from_each_stage(action, current):
    expected = EXPECTED_MOVES.get((action, current))
    if expected is not None:
        assert domain.moves_for(action, current) == expected
        return
    with pytest.raises(Conflict) as raised:
        domain.moves_for(action, current)
    assert f"from {current} to {domain.ACTIONS[action][0]}" in raised.value.message


def test_conflicts_say_what_to_do_instead():
    with pytest.raises(Conflict, match="study its results first"):
        domain.moves_for("conclude", S.DO)
    with pytest.raises(Conflict, match="start it while PLAN"):
        domain.moves_for("start", S.STUDY)


@pytest.mark.parametrize("stage", list(Stage))
def test_measurements_are_recorded_until_the_decision(stage):
    if stage in (S.PLAN, S.DO, S.STUDY):
        domain.check_recording(stage)
        return
    with pytest.raises(Conflict) as raised:
        domain.check_recording(stage)
    assert stage in raised.value.message and "PLAN, DO, STUDY" in raised.value.message


MEMBERS = ["owner", "member"]
OWNER, MEMBER = Identity("owner", ("employee",)), Identity("member", ("employee",))
STRANGER, MANAGER = Identity("stranger", ("employee",)), Identity("a manager", ("manager",))


def test_only_members_record():
    domain.check_member(MEMBERS, "member", "record measurements")
    with pytest.raises(PermissionDenied, match="only members"):
        domain.check_member(MEMBERS, "stranger", "record measurements")


def test_members_and_managers_move_an_experiment_along():
    domain.check_can_move(MEMBERS, MEMBER, "start it")
    domain.check_can_move(MEMBERS, MANAGER, "start it")
    with pytest.raises(PermissionDenied, match="start it"):
        domain.check_can_move(MEMBERS, STRANGER, "start it")


def test_only_the_owner_or_a_manager_concludes():
    domain.check_can_conclude("owner", OWNER)
    domain.check_can_conclude("owner", MANAGER)
    with pytest.raises(PermissionDenied, match="owner"):
        domain.check_can_conclude("owner", MEMBER)


def test_follow_ups_are_planned_by_members_or_managers():
    domain.check_can_follow_up(MEMBERS, MEMBER)
    domain.check_can_follow_up(MEMBERS, MANAGER)
    with pytest.raises(PermissionDenied):
        domain.check_can_follow_up(MEMBERS, STRANGER)


@dataclass(frozen=True)
class _Decided:
    stage: str
    decision: str | None = None


def test_only_an_experiment_concluded_with_adapt_is_followed_up():
    assert domain.follow_up_refusal(_Decided(S.CONCLUDED, "ADAPT")) is None
    assert domain.follow_up_refusal(None) == "no experiment with this id"
    assert domain.follow_up_refusal(_Decided(S.CONCLUDED, "ADOPT")) == (
        "a follow-up continues an experiment concluded with ADAPT; this one is CONCLUDED "
        "with ADOPT")
    assert domain.follow_up_refusal(_Decided(S.STUDY)) == (
        "a follow-up continues an experiment concluded with ADAPT; this one is STUDY")


STARTS = date(2026, 3, 2)


def test_a_point_before_the_start_date_is_baseline_whenever_it_was_recorded():
    assert domain.is_baseline(datetime(2026, 3, 1, 23, 59, tzinfo=UTC), False, STARTS)
    assert not domain.is_baseline(datetime(2026, 3, 2, 0, 0, tzinfo=UTC), False, STARTS)


def test_a_point_recorded_before_the_experiment_started_is_baseline():
    assert domain.is_baseline(datetime(2026, 3, 9, tzinfo=UTC), True, STARTS)
