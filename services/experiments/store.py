"""Every query and write of the experiments service: `find` raises NotFound (and locks
with `lock=True`), reads are batched by experiment id."""
from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from services.experiments.domain import RuleSet, Stage
from services.experiments.models import (
    ChartSplit,
    Correction,
    Experiment,
    Measurement,
    Member,
    Setting,
    StageChange,
)
from services.experiments.validation import ExperimentFilter, Plan, Reading
from shared.errors import NotFound

DEFAULT_RULES = "default_rules"


def find(session: Session, experiment_id: str, lock: bool = False) -> Experiment:
    # populate_existing: a row read earlier in this worker is read again under the lock
    experiment = session.get(Experiment, str(experiment_id), with_for_update=lock,
                             populate_existing=lock)
    if experiment is None:
        raise NotFound("no experiment with this id")
    return experiment


def get(session: Session, experiment_id: str) -> Experiment | None:
    return session.get(Experiment, experiment_id)


def experiments_by_id(session: Session, ids: list[str]) -> list[Experiment]:
    return list(session.scalars(select(Experiment).where(Experiment.id.in_(ids))))


def _grouped(rows, key) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


def member_ids(session: Session, ids: list[str]) -> dict[str, list[str]]:
    rows = session.execute(select(Member.experiment_id, Member.person_id)
                           .where(Member.experiment_id.in_(ids))
                           .order_by(Member.position)).all()
    return {k: [r.person_id for r in v] for k, v in _grouped(rows, lambda r: r[0]).items()}


def measurements_of(session: Session, ids: list[str]) -> dict[str, list[Measurement]]:
    rows = session.scalars(select(Measurement).where(Measurement.experiment_id.in_(ids))
                           .order_by(Measurement.at)).all()
    return _grouped(rows, lambda m: m.experiment_id)


def splits_of(session: Session, ids: list[str]) -> dict[str, list[ChartSplit]]:
    rows = session.scalars(select(ChartSplit).where(ChartSplit.experiment_id.in_(ids))
                           .order_by(ChartSplit.at)).all()
    return _grouped(rows, lambda s: s.experiment_id)


def split_chart(session: Session, experiment: Experiment, at: datetime, reason: str, by: str,
                now: datetime) -> ChartSplit:
    """Marks a new part from `at` on; the same time again changes its reason."""
    split = session.scalar(select(ChartSplit).where(ChartSplit.experiment_id == experiment.id,
                                                    ChartSplit.at == at))
    if split is None:
        split = ChartSplit(experiment_id=experiment.id, at=at, reason=reason, split_by=by,
                           split_at=now)
        session.add(split)
    else:
        split.reason, split.split_by, split.split_at = reason, by, now
    experiment.updated_at = now
    return split


def remove_split(session: Session, experiment: Experiment, at: datetime) -> bool:
    split = session.scalar(select(ChartSplit).where(ChartSplit.experiment_id == experiment.id,
                                                    ChartSplit.at == at))
    if split is not None:
        session.delete(split)
    return split is not None


def follow_up_ids(session: Session, ids: list[str]) -> dict[str, list[str]]:
    rows = session.execute(select(Experiment.previous_id, Experiment.id)
                           .where(Experiment.previous_id.in_(ids))
                           .order_by(Experiment.created_at, Experiment.id)).all()
    return {k: [r.id for r in v] for k, v in _grouped(rows, lambda r: r[0]).items()}


def history_of(session: Session, ids: list[str]) -> dict[str, list[StageChange]]:
    rows = session.scalars(select(StageChange).where(StageChange.experiment_id.in_(ids))
                           .order_by(StageChange.seq)).all()
    return _grouped(rows, lambda c: c.experiment_id)


def corrections_of(session: Session, ids: list[str]) -> dict[str, list[tuple]]:
    """(correction, measurement) pairs per experiment, oldest correction first."""
    rows = session.execute(select(Correction, Measurement)
                           .join(Measurement, Correction.measurement_id == Measurement.id)
                           .where(Measurement.experiment_id.in_(ids))
                           .order_by(Correction.seq)).all()
    return _grouped(rows, lambda r: r[1].experiment_id)


def listing(session: Session, flt: ExperimentFilter, offset: int,
            limit: int) -> tuple[list[Experiment], int]:
    """Up to limit+1 experiments from `offset`, the newest first, and the total."""
    where = []
    if flt.stage is not None:
        where.append(Experiment.stage == flt.stage)
    if flt.idea_id is not None:
        where.append(Experiment.idea_id == flt.idea_id)
    if flt.member_id is not None:
        where.append(exists().where(Member.experiment_id == Experiment.id,
                                    Member.person_id == flt.member_id))
    total = session.scalar(select(func.count()).select_from(Experiment).where(*where))
    rows = session.scalars(select(Experiment).where(*where)
                           .order_by(Experiment.created_at.desc(), Experiment.id.desc())
                           .offset(offset).limit(limit + 1)).all()
    return list(rows), total


def default_rules(session: Session) -> str:
    """The rule set an experiment planned without one reads its chart with (an admin's
    setting; IHI out of the box)."""
    setting = session.get(Setting, DEFAULT_RULES)
    return setting.value if setting else RuleSet.IHI


def set_default_rules(session: Session, rules: str, by: str, at: datetime) -> None:
    setting = session.get(Setting, DEFAULT_RULES, with_for_update=True)
    if setting is None:
        session.add(Setting(name=DEFAULT_RULES, value=rules, changed_by=by, changed_at=at))
    else:
        setting.value, setting.changed_by, setting.changed_at = rules, by, at


def add_experiment(session: Session, plan: Plan, owner_id: str, by: str,
                   at: datetime) -> Experiment:
    """A new experiment in PLAN with its members (the owner first) and its first stage."""
    metric = plan.metric
    experiment = Experiment(
        metric_kind=metric.kind, rules=plan.rules or default_rules(session),
        id=str(uuid.uuid4()), title=plan.title, hypothesis=plan.hypothesis, stage=Stage.PLAN,
        owner_id=owner_id, idea_id=plan.idea_id, previous_id=plan.previous_id,
        metric_name=metric.name, metric_unit=metric.unit, direction=metric.direction,
        metric_baseline=metric.baseline, metric_target=metric.target,
        starts_on=plan.starts_on, ends_on=plan.ends_on, created_at=at, updated_at=at)
    session.add(experiment)
    add_members(session, experiment.id, plan.member_ids)
    record_stage(session, experiment, None, Stage.PLAN, by, at)
    return experiment


def add_members(session: Session, experiment_id: str, person_ids: list[str]) -> None:
    session.add_all(Member(experiment_id=experiment_id, person_id=p, position=i)
                    for i, p in enumerate(person_ids))


def record_stage(session: Session, experiment: Experiment, from_stage: str | None, to: str,
                 by: str, at: datetime) -> None:
    session.add(StageChange(experiment_id=experiment.id, from_stage=from_stage, to_stage=to,
                            changed_by=by, changed_at=at))
    experiment.stage, experiment.updated_at = to, at
    stamp = {Stage.DO: "started_at", Stage.STUDY: "studied_at", Stage.CONCLUDED: "concluded_at"}
    if to in stamp:
        setattr(experiment, stamp[Stage(to)], at)


def measurement_at(session: Session, experiment_id: str, at: datetime) -> Measurement | None:
    return session.scalar(select(Measurement).where(Measurement.experiment_id == experiment_id,
                                                    Measurement.at == at))


def record(session: Session, experiment: Experiment, existing: Measurement | None,
           reading: Reading, by: str, now: datetime) -> tuple[str, Measurement, float | None]:
    """("recorded" | "corrected" | "unchanged", the measurement, its value before).
    `existing` is the experiment's measurement at the reading's time, if any; a note left
    out (None) keeps the note it has."""
    shape = (reading.value, reading.numerator, reading.denominator)
    if existing is None:
        measurement = Measurement(id=str(uuid.uuid4()), experiment_id=experiment.id,
                                  at=reading.at, value=reading.value,
                                  numerator=reading.numerator,
                                  denominator=reading.denominator, note=reading.note,
                                  recorded_by=by, recorded_at=now,
                                  before_start=experiment.stage == Stage.PLAN)
        session.add(measurement)
        return "recorded", measurement, None
    new_note = existing.note if reading.note is None else reading.note
    if (existing.value, existing.numerator, existing.denominator, existing.note) == (
            *shape, new_note):
        return "unchanged", existing, None
    session.add(Correction(measurement_id=existing.id, old_value=existing.value,
                           new_value=reading.value, old_note=existing.note, new_note=new_note,
                           corrected_by=by, corrected_at=now))
    before = existing.value
    existing.value, existing.numerator, existing.denominator = shape
    existing.note = new_note
    return "corrected", existing, before
