"""The steps of planning an experiment, shared by planning one and by concluding one with
ADAPT (whose follow-up is planned in the same transaction): check the plan with its owner
and the services it refers to, then add it and announce it."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from services.experiments import domain, store, validation
from services.experiments.models import Experiment
from services.experiments.references import Peers
from services.experiments.validation import Plan
from shared.clock import now
from shared.contracts.experiments import ExperimentPlanned
from shared.errors import FieldErrors, ValidationError


def checked(session: Session, peers: Peers, fields: dict, caller: domain.Actor, owner_id: str,
            *, prefix: str = "", follows: Experiment | None = None) -> Plan:
    """The plan of `fields` with its members (the owner first) and idea checked; a
    ValidationError names every bad field with `prefix`. Reads only: call it before taking a
    lock or writing. `follows` is the experiment an ADAPT decision continues."""
    errors = FieldErrors()
    plan = validation.plan(fields, errors)
    if follows is None:
        plan, inherited = _continuing(session, plan, caller, errors)
    else:
        plan, inherited = replace(plan, previous_id=follows.id), follows.idea_id
    plan = replace(plan, member_ids=[owner_id, *(m for m in plan.member_ids if m != owner_id)])
    # an idea kept from the experiment followed up was checked when that one was planned
    planner = None if plan.idea_id == inherited else caller
    peers.check(plan, planner, errors)
    if errors.errors:
        raise ValidationError([{**e, "field": prefix + e["field"]} for e in errors.errors])
    return plan


def _continuing(session: Session, plan: Plan, caller: domain.Actor,
                errors: FieldErrors) -> tuple[Plan, str | None]:
    """A plan naming `previous_id` follows up that experiment (members of it or a manager
    plan it) and inherits its idea unless it names one; with the idea of the experiment
    followed up (None when there is none)."""
    if plan.previous_id is None:
        return plan, None
    previous = store.get(session, plan.previous_id)
    refusal = domain.follow_up_refusal(previous)
    if refusal:
        errors.add("previousExperimentId", refusal)
        return plan, None
    members = store.member_ids(session, [previous.id]).get(previous.id, [])
    domain.check_can_follow_up(members, caller)
    return replace(plan, idea_id=plan.idea_id or previous.idea_id), previous.idea_id


def follow_up_fields(previous: Experiment, members: list[str], given: dict) -> dict:
    """The follow-up of an ADAPT decision keeps the idea, the metric and the members of the
    experiment it continues unless `given` says otherwise."""
    metric = {"name": previous.metric_name, "unit": previous.metric_unit,
              "direction": previous.direction, "baseline": previous.metric_baseline,
              "target": previous.metric_target, "kind": previous.metric_kind}
    defaults = {"idea_id": previous.idea_id, "metric": metric, "member_ids": members,
                "rules": previous.rules}
    return defaults | {k: v for k, v in given.items() if v is not None}


def add(db, plan: Plan, owner_id: str, by: str) -> Experiment:
    """Adds the checked plan and emits experiment_planned (`db`: the worker's Db)."""
    experiment = store.add_experiment(db.session, plan, owner_id, by, now())
    db.emit(ExperimentPlanned(
        experiment_id=experiment.id, idea_id=experiment.idea_id, title=experiment.title,
        hypothesis=experiment.hypothesis, owner_id=owner_id, member_ids=plan.member_ids,
        previous_experiment_id=experiment.previous_id))
    return experiment
