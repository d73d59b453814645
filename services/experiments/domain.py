"""Rules of the experiments service, free of frameworks: the PDCA stage machine, who may do
what, and which measurements form the baseline. Input validation lives in `validation.py`,
the run-chart analysis in `runchart.py`. The caller is an `Actor` (shared.identity's
Identity is one); a manager may do what members and owners do.

Stages and the mutations that move them:

  PLAN -startExperiment-> DO -studyExperiment-> STUDY -concludeExperiment-> ACT -> CONCLUDED

ACT is where the team decides (ADOPT, ADAPT or ABANDON). `concludeExperiment` records the
decision and the learnings and passes through ACT to CONCLUDED in one transaction: both
moves are in the stage history, so an experiment is never left waiting in ACT with a
decision half-made.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Protocol

from shared.errors import Conflict, PermissionDenied


class Actor(Protocol):
    user_id: str

    def has(self, role: str) -> bool: ...


class Decided(Protocol):
    """An experiment as far as a follow-up cares: where it is and what was decided."""

    stage: str
    decision: str | None


class Stage(StrEnum):
    PLAN = "PLAN"
    DO = "DO"
    STUDY = "STUDY"
    ACT = "ACT"
    CONCLUDED = "CONCLUDED"


class Decision(StrEnum):
    ADOPT = "ADOPT"  # the change works: make it the standard
    ADAPT = "ADAPT"  # promising: change it and run a follow-up experiment
    ABANDON = "ABANDON"  # it did not work: stop, keep the learnings


class Direction(StrEnum):
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"


class MetricKind(StrEnum):
    """What one point of the metric is, and so which control chart draws it."""

    MEASURE = "MEASURE"  # a value: run chart and XmR (individuals) chart
    PROPORTION = "PROPORTION"  # numerator of denominator (defective of inspected): p chart
    RATE = "RATE"  # a count per exposure (incidents per hour worked): u chart
    COUNT = "COUNT"  # events per equal opportunity: c chart


# The kinds whose points are a numerator and a denominator; the others take a value.
RATIOS = frozenset({MetricKind.PROPORTION, MetricKind.RATE})


class RuleSet(StrEnum):
    """Which special-cause rules read the chart."""

    IHI = "IHI"  # Perla, Provost & Murray run-chart rules
    ANHOEJ = "ANHOEJ"  # Anhoej's runs analysis (R package qicharts2)
    NHS = "NHS"  # NHS England "Making Data Count" XmR rules


S = Stage
# Every allowed move; anything else is a Conflict naming both stages.
TRANSITIONS = frozenset({(S.PLAN, S.DO), (S.DO, S.STUDY), (S.STUDY, S.ACT), (S.ACT, S.CONCLUDED)})
# The stages each action walks through, in order, from where the experiment is.
ACTIONS: dict[str, tuple[Stage, ...]] = {
    "start": (S.DO,),
    "study": (S.STUDY,),
    "conclude": (S.ACT, S.CONCLUDED),
}
HINTS = {
    S.DO: "start it while PLAN",
    S.STUDY: "study it while DO",
    S.ACT: "study its results first: it concludes from STUDY",
}
RECORDING = frozenset({S.PLAN, S.DO, S.STUDY})


def check_transition(current: str, target: str) -> None:
    current, target = Stage(current), Stage(target)
    if (current, target) not in TRANSITIONS:
        hint = HINTS.get(target)
        raise Conflict(f"an experiment cannot move from {current} to {target}"
                       + (f" ({hint})" if hint else ""))


def moves_for(action: str, current: str) -> list[tuple[Stage, Stage]]:
    """The (from, to) moves of `action` from `current`; raises Conflict on the first that is
    not allowed, so nothing moves."""
    moves, stage = [], Stage(current)
    for target in ACTIONS[action]:
        check_transition(stage, target)
        moves.append((stage, target))
        stage = target
    return moves


def check_recording(stage: str) -> None:
    if Stage(stage) not in RECORDING:
        raise Conflict(f"measurements are closed on a {stage} experiment; they are recorded "
                       f"while {', '.join(s for s in S if s in RECORDING)}")


def check_member(member_ids: list[str], user_id: str, action: str) -> None:
    if user_id not in member_ids:
        raise PermissionDenied(f"only members of the experiment can {action}")


def check_can_move(member_ids: list[str], actor: Actor, action: str) -> None:
    """Members move their experiment along; a manager may do it for them."""
    if not actor.has("manager"):
        check_member(member_ids, actor.user_id, action)


def check_admin(actor: Actor, action: str) -> None:
    if not actor.has("admin"):
        raise PermissionDenied(f"only an admin can {action}")


def check_can_conclude(owner_id: str, actor: Actor) -> None:
    if actor.user_id != owner_id and not actor.has("manager"):
        raise PermissionDenied("only the owner of the experiment or a manager can conclude it")


def check_can_follow_up(member_ids: list[str], actor: Actor) -> None:
    if not actor.has("manager") and actor.user_id not in member_ids:
        raise PermissionDenied("only members of an experiment or a manager can plan its "
                               "follow-up")


# The statuses of an idea an experiment may be linked to: the idea has been reviewed and
# accepted (or already runs an experiment). SUBMITTED and IN_REVIEW wait for a reviewer.
LINKABLE_IDEA_STATUSES = ("ACCEPTED", "EXPERIMENTING")
LINKING_ROLES = ("reviewer", "manager")


def idea_link_refusal(status: str) -> str | None:
    """Why an experiment cannot be linked to an idea that is `status` (None: it can)."""
    if status == "DUPLICATE":
        return "was merged into another idea: run the experiment on that one"
    if status in LINKABLE_IDEA_STATUSES:
        return None
    return (f"is {status}: an experiment runs on an idea that is "
            f"{' or '.join(LINKABLE_IDEA_STATUSES)}")


def check_can_link_idea(author_id: str, actor: Actor) -> None:
    """Its author, a reviewer or a manager links an experiment to an idea."""
    if actor.user_id != author_id and not any(actor.has(r) for r in LINKING_ROLES):
        raise PermissionDenied("only the idea's author, a reviewer or a manager can plan an "
                               "experiment on it")


def follow_up_refusal(previous: Decided | None) -> str | None:
    """Why `previous` cannot be followed up (None: it can): only an experiment concluded
    with ADAPT continues in a follow-up."""
    if previous is None:
        return "no experiment with this id"
    if (previous.stage, previous.decision) == (S.CONCLUDED, Decision.ADAPT):
        return None
    decided = f"with {previous.decision}" if previous.decision else ""
    return (f"a follow-up continues an experiment concluded with ADAPT; this one is "
            f"{previous.stage} {decided}").strip()


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def is_baseline(at: datetime, recorded_before_start: bool, starts_on: date) -> bool:
    """A measurement is part of the baseline period when it was recorded before the
    experiment entered DO, or when it describes a time before the planned start date."""
    return recorded_before_start or at < start_of(starts_on)
