"""The idea workflow, walked exhaustively: every (from, to) pair, who may move ideas at all,
the reason a decline needs, and the path an experiment drives an idea along."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import pytest

from services.ideas.domain import (
    ROLE_FOR,
    TRANSITIONS,
    IdeaStatus,
    Use,
    check_comment_owner,
    check_edit,
    check_may,
    check_may_read_votes,
    check_merge,
    check_transition,
    check_vote,
    path_to,
)
from shared.errors import Conflict, PermissionDenied, ValidationError
from shared.identity import Identity

S = IdeaStatus
OPEN = [S.SUBMITTED, S.IN_REVIEW, S.ACCEPTED, S.EXPERIMENTING]
# written out independently of the table in domain.py, so a changed table fails here
MOVES = {
    (S.SUBMITTED, S.IN_REVIEW), (S.IN_REVIEW, S.ACCEPTED), (S.ACCEPTED, S.EXPERIMENTING),
    (S.EXPERIMENTING, S.IMPLEMENTED), (S.EXPERIMENTING, S.ACCEPTED), (S.DECLINED, S.IN_REVIEW),
}
DECLINES = {(s, S.DECLINED) for s in OPEN}
MERGES = {(s, S.DUPLICATE) for s in OPEN}
PAIRS = list(product(S, S))


def test_the_table_holds_exactly_the_documented_moves():
    assert set(TRANSITIONS) == MOVES | DECLINES | MERGES


@pytest.mark.parametrize(("current", "target"), sorted(MOVES))
def test_a_reviewer_makes_every_allowed_move(current, target):
    assert check_transition(current, target) is None
    assert check_transition(current, target, reason=" why  not ") == "why not"


@pytest.mark.parametrize(("current", "target"), sorted(DECLINES))
def test_declining_from_an_open_state_needs_a_reason(current, target):
    for missing in (None, "", "   "):
        with pytest.raises(ValidationError) as raised:
            check_transition(current, target, reason=missing)
        assert [e["field"] for e in raised.value.errors] == ["reason"]
    assert check_transition(current, target, reason="out of scope") == \
        "out of scope"


def test_a_reason_longer_than_2000_characters_is_refused():
    with pytest.raises(ValidationError) as raised:
        check_transition(S.SUBMITTED, S.DECLINED, reason="x" * 2001)
    assert raised.value.errors[0]["field"] == "reason"


@pytest.mark.parametrize(("current", "target"), sorted(MERGES))
def test_duplicate_is_reached_only_by_merging(current, target):
    with pytest.raises(Conflict) as raised:
        check_transition(current, target)
    assert current in raised.value.message and target in raised.value.message
    assert "mergeIdea" in raised.value.message
    check_transition(current, target, merging=True)


FORBIDDEN = sorted(set(PAIRS) - MOVES - DECLINES - MERGES)


def test_forbidden_moves_are_the_other_35_pairs():
    assert len(FORBIDDEN) == 49 - 14


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_every_forbidden_move_is_a_conflict_naming_both_states(current, target):
    for merging in (False, True):
        with pytest.raises(Conflict) as raised:
            check_transition(current, target, reason="because", merging=merging)
        assert f"from {current} to {target}" in raised.value.message


EMPLOYEE = Identity("emma", ("employee",))
REVIEWER = Identity("rita", ("reviewer",))
ADMIN = Identity("adam", ("admin",))
# written out independently of ROLE_FOR: who may do each use
MAY = {
    Use.MOVE: {REVIEWER, ADMIN}, Use.ASSESS: {REVIEWER, ADMIN}, Use.MERGE: {REVIEWER, ADMIN},
    Use.CREATE_CAMPAIGN: {ADMIN}, Use.CLOSE_CAMPAIGN: {ADMIN}, Use.CHANGE_SETTINGS: {ADMIN},
}


def test_every_use_that_needs_a_role_is_in_the_table():
    assert set(ROLE_FOR) == set(Use) == set(MAY)


@pytest.mark.parametrize(("use", "actor"), list(product(Use, (EMPLOYEE, REVIEWER, ADMIN))))
def test_who_may_do_what(use, actor):
    if actor in MAY[use]:
        check_may(actor, use)
        return
    with pytest.raises(PermissionDenied) as raised:
        check_may(actor, use)
    assert raised.value.message == f"{use} needs the {ROLE_FOR[use]} role"


def test_an_employee_can_make_no_move_at_all():
    with pytest.raises(PermissionDenied) as raised:
        check_may(EMPLOYEE, Use.MOVE)
    assert raised.value.message == "moving an idea through the workflow needs the reviewer role"


def test_only_oneself_and_admins_read_whom_someone_voted_for():
    check_may_read_votes(EMPLOYEE, EMPLOYEE.user_id)
    check_may_read_votes(ADMIN, EMPLOYEE.user_id)
    for other in (EMPLOYEE, REVIEWER):
        with pytest.raises(PermissionDenied):
            check_may_read_votes(other, "someone else")


def test_closed_states_lead_nowhere_except_reopening_a_declined_Idea():
    for closed in (S.IMPLEMENTED, S.DUPLICATE):
        assert not [t for (f, t) in TRANSITIONS if f == closed]
    assert [t for (f, t) in TRANSITIONS if f == S.DECLINED] == [S.IN_REVIEW]


@pytest.mark.parametrize(("current", "target", "expected"), [
    (S.ACCEPTED, S.EXPERIMENTING, [S.EXPERIMENTING]),
    (S.SUBMITTED, S.EXPERIMENTING, []),  # waits for a reviewer: no bypass
    (S.SUBMITTED, S.IMPLEMENTED, []),
    (S.IN_REVIEW, S.IMPLEMENTED, []),
    (S.EXPERIMENTING, S.IMPLEMENTED, [S.IMPLEMENTED]),
    (S.ACCEPTED, S.IMPLEMENTED, [S.EXPERIMENTING, S.IMPLEMENTED]),
    (S.EXPERIMENTING, S.ACCEPTED, [S.ACCEPTED]),
    (S.IN_REVIEW, S.ACCEPTED, []),
    (S.EXPERIMENTING, S.EXPERIMENTING, []),
    (S.IMPLEMENTED, S.ACCEPTED, []),
    (S.IMPLEMENTED, S.EXPERIMENTING, []),
    (S.DECLINED, S.IMPLEMENTED, []),
    (S.DUPLICATE, S.EXPERIMENTING, []),
])
def test_an_experiment_drives_an_open_idea_along_allowed_moves(current, target, expected):
    steps = path_to(current, target)
    assert steps == expected
    for before, after in zip([current, *steps], steps, strict=False):
        assert (before, after) in TRANSITIONS


def test_only_the_author_edits_and_only_while_submitted():
    check_edit(author_id="ana", editor_id="ana", status=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        check_edit(author_id="ana", editor_id="ben", status=S.SUBMITTED)
    for status in set(S) - {S.SUBMITTED}:
        with pytest.raises(Conflict) as raised:
            check_edit(author_id="ana", editor_id="ana", status=status)
        assert S.SUBMITTED in raised.value.message and status in raised.value.message


def test_votes_are_taken_only_while_the_idea_is_open():
    for status in OPEN:
        check_vote(status)
    for status in set(S) - set(OPEN):
        with pytest.raises(Conflict) as raised:
            check_vote(status)
        assert status in raised.value.message


def test_only_its_author_changes_a_comment():
    check_comment_owner(author_id="ana", editor_id="ana")
    with pytest.raises(PermissionDenied):
        check_comment_owner(author_id="ana", editor_id="ben")


@dataclass(frozen=True)
class _Idea:
    id: str
    status: str
    duplicate_of_id: str | None = None


def test_merging_is_idempotent():
    dup, into = _Idea("a", S.IN_REVIEW), _Idea("b", S.ACCEPTED)
    assert check_merge(dup, into) is True
    done = _Idea("a", S.DUPLICATE, "b")
    assert check_merge(done, into) is False


def test_merges_that_make_no_sense_are_refused():
    with pytest.raises(ValidationError) as raised:
        check_merge(_Idea("a", S.SUBMITTED), _Idea("a", S.SUBMITTED))
    assert raised.value.errors[0]["field"] == "intoId"
    with pytest.raises(Conflict):  # already a duplicate of another idea
        check_merge(_Idea("a", S.DUPLICATE, "c"), _Idea("b", S.SUBMITTED))
    with pytest.raises(Conflict):  # the target is itself a duplicate
        check_merge(_Idea("a", S.SUBMITTED), _Idea("b", S.DUPLICATE, "c"))
    for closed in (S.IMPLEMENTED, S.DECLINED):
        with pytest.raises(Conflict) as raised:
            check_merge(_Idea("a", closed), _Idea("b", S.SUBMITTED))
        assert f"from {closed} to {S.DUPLICATE}" in raised.value.message
