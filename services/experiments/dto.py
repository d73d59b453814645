"""Plain, JSON-safe views of experiments, with their run chart and effect computed from the
measurements. Built in batches: a page of experiments costs a fixed number of queries."""
from __future__ import annotations

import math

from sqlalchemy.orm import Session

from services.experiments import runchart, store
from services.experiments.domain import is_baseline
from services.experiments.models import Experiment, Measurement


def points_of(experiment: Experiment, measurements: list[Measurement]) -> list[runchart.Point]:
    return [runchart.Point(at=m.at, value=m.value, note=m.note,
                           baseline=is_baseline(m.at, m.before_start, experiment.starts_on))
            for m in measurements]


def analysis(experiment: Experiment,
             measurements: list[Measurement]) -> tuple[runchart.RunChart, runchart.Effect]:
    chart = runchart.analyse(points_of(experiment, measurements))
    effect = runchart.effect(chart, experiment.metric_baseline, experiment.metric_target,
                             experiment.direction)
    return chart, effect


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


def effect_dto(effect: runchart.Effect) -> dict:
    return {"absolute": _finite(effect.absolute), "relative": _finite(effect.relative),
            "toward_target": _finite(effect.toward_target), "improved": effect.improved}


def chart_dto(chart: runchart.RunChart) -> dict:
    return {
        "median": chart.median, "lower_limit": chart.lower_limit,
        "upper_limit": chart.upper_limit, "useful_observations": chart.useful_observations,
        "runs": chart.runs,
        "points": [{"at": p.at.isoformat(), "value": p.value, "note": p.note,
                    "baseline": p.baseline} for p in chart.points],
        "signals": [{"kind": s.kind, "from_index": s.from_index, "to_index": s.to_index,
                     "description": s.description} for s in chart.signals],
    }


def _time(value) -> str | None:
    return value.isoformat() if value else None


def experiment_dto(e: Experiment, members: list[str], measurements: list[Measurement],
                   follow_ups: list[str], history: list) -> dict:
    chart, effect = analysis(e, measurements)
    return {
        "id": e.id, "title": e.title, "hypothesis": e.hypothesis, "stage": e.stage,
        "idea_id": e.idea_id, "owner_id": e.owner_id, "member_ids": members,
        "previous_id": e.previous_id, "follow_up_ids": follow_ups,
        "metric": {"name": e.metric_name, "unit": e.metric_unit, "direction": e.direction,
                   "baseline": e.metric_baseline, "target": e.metric_target},
        "starts_on": e.starts_on.isoformat(), "ends_on": e.ends_on.isoformat(),
        "decision": e.decision, "learnings": e.learnings, "where_else": e.where_else,
        "created_at": _time(e.created_at), "updated_at": _time(e.updated_at),
        "started_at": _time(e.started_at), "studied_at": _time(e.studied_at),
        "concluded_at": _time(e.concluded_at),
        "run_chart": chart_dto(chart), "effect": effect_dto(effect),
        "history": [{"from_stage": c.from_stage, "to_stage": c.to_stage,
                     "changed_by": c.changed_by, "changed_at": _time(c.changed_at)}
                    for c in history],
    }


def experiment_dtos(session: Session, experiments: list[Experiment]) -> list[dict]:
    ids = [e.id for e in experiments]
    members, measurements = store.member_ids(session, ids), store.measurements_of(session, ids)
    follow_ups, history = store.follow_up_ids(session, ids), store.history_of(session, ids)
    return [experiment_dto(e, members.get(e.id, []), measurements.get(e.id, []),
                           follow_ups.get(e.id, []), history.get(e.id, []))
            for e in experiments]


def correction_dto(correction, measurement: Measurement) -> dict:
    return {"measurement_id": measurement.id, "at": _time(measurement.at),
            "old_value": correction.old_value, "new_value": correction.new_value,
            "old_note": correction.old_note, "new_note": correction.new_note,
            "corrected_by": correction.corrected_by,
            "corrected_at": _time(correction.corrected_at)}
