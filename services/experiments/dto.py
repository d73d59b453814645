"""Plain, JSON-safe views of experiments, with their run chart and effect computed from the
measurements. Built in batches: a page of experiments costs a fixed number of queries."""
from __future__ import annotations

import math

from sqlalchemy.orm import Session

from services.experiments import charts, runchart, store
from services.experiments.domain import is_baseline
from services.experiments.models import ChartSplit, Experiment, Measurement


def readings_of(experiment: Experiment, measurements: list[Measurement]) -> list[charts.Reading]:
    return [charts.Reading(at=m.at, value=m.value, numerator=m.numerator,
                           denominator=m.denominator, note=m.note,
                           baseline=is_baseline(m.at, m.before_start, experiment.starts_on))
            for m in measurements]


def analysis(experiment: Experiment, measurements: list[Measurement],
             splits: list[ChartSplit] = (), rules: str | None = None, screen: bool = True,
             propose_after: int = charts.PROPOSE_AFTER,
             ) -> tuple[charts.Chart, runchart.RunChart, runchart.Effect]:
    """The chart under `rules` (the experiment's own when None) in the parts `splits` mark,
    the run chart of the values (its median, runs and effect do not depend on the rule set
    nor the parts) and the effect."""
    readings = readings_of(experiment, measurements)
    chart = charts.build(experiment.metric_kind, rules or experiment.rules, readings,
                         experiment.direction, [s.at for s in splits], screen, propose_after)
    run = runchart.analyse([runchart.Point(r.at, r.value, r.note, r.baseline)
                            for r in readings])
    effect = runchart.effect(run, experiment.metric_baseline, experiment.metric_target,
                             experiment.direction)
    return chart, run, effect


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


def effect_dto(effect: runchart.Effect) -> dict:
    return {"absolute": _finite(effect.absolute), "relative": _finite(effect.relative),
            "toward_target": _finite(effect.toward_target), "improved": effect.improved}


def chart_dto(chart: charts.Chart, run: runchart.RunChart,
              splits: list[ChartSplit] = ()) -> dict:
    return {
        "splits": [{"at": s.at.isoformat(), "reason": s.reason, "split_by": s.split_by}
                   for s in splits],
        "proposed_splits": [{"at": p.at.isoformat(), "from_index": p.from_index,
                             "description": p.description} for p in chart.proposals],
        "kind": chart.kind, "rules": chart.rules, "centre_line": chart.centre_line,
        "median": run.median, "lower_limit": run.lower_limit, "upper_limit": run.upper_limit,
        "useful_observations": run.useful_observations, "runs": run.runs,
        "parts": [{"from": chart.points[p.from_index].reading.at.isoformat(),
                   "to": chart.points[p.to_index].reading.at.isoformat(),
                   "from_index": p.from_index, "to_index": p.to_index,
                   "centre_line": p.centre_line, "lower_limit": p.lower_limit,
                   "upper_limit": p.upper_limit, "longest_run": p.longest_run,
                   "longest_run_limit": p.longest_run_limit, "crossings": p.crossings,
                   "crossings_limit": p.crossings_limit} for p in chart.parts],
        "points": [{"at": p.reading.at.isoformat(), "value": p.reading.value,
                    "numerator": p.reading.numerator, "denominator": p.reading.denominator,
                    "note": p.reading.note, "baseline": p.reading.baseline,
                    "centre_line": p.centre_line, "lower_limit": p.lower_limit,
                    "upper_limit": p.upper_limit, "classification": p.classification}
                   for p in chart.points],
        "signals": [{"kind": s.kind, "rule": s.rule, "from_index": s.from_index,
                     "to_index": s.to_index, "description": s.description}
                    for s in chart.signals],
    }


def _time(value) -> str | None:
    return value.isoformat() if value else None


def experiment_dto(e: Experiment, members: list[str], measurements: list[Measurement],
                   follow_ups: list[str], history: list, splits: list[ChartSplit]) -> dict:
    chart, run, effect = analysis(e, measurements, splits)
    return {
        "id": e.id, "title": e.title, "hypothesis": e.hypothesis, "stage": e.stage,
        "idea_id": e.idea_id, "owner_id": e.owner_id, "member_ids": members,
        "previous_id": e.previous_id, "follow_up_ids": follow_ups,
        "metric": {"name": e.metric_name, "unit": e.metric_unit, "direction": e.direction,
                   "baseline": e.metric_baseline, "target": e.metric_target,
                   "kind": e.metric_kind},
        "rules": e.rules,
        "starts_on": e.starts_on.isoformat(), "ends_on": e.ends_on.isoformat(),
        "decision": e.decision, "learnings": e.learnings, "where_else": e.where_else,
        "created_at": _time(e.created_at), "updated_at": _time(e.updated_at),
        "started_at": _time(e.started_at), "studied_at": _time(e.studied_at),
        "concluded_at": _time(e.concluded_at),
        "run_chart": chart_dto(chart, run, splits), "effect": effect_dto(effect),
        "history": [{"from_stage": c.from_stage, "to_stage": c.to_stage,
                     "changed_by": c.changed_by, "changed_at": _time(c.changed_at)}
                    for c in history],
    }


def experiment_dtos(session: Session, experiments: list[Experiment]) -> list[dict]:
    ids = [e.id for e in experiments]
    members, measurements = store.member_ids(session, ids), store.measurements_of(session, ids)
    follow_ups, history = store.follow_up_ids(session, ids), store.history_of(session, ids)
    splits = store.splits_of(session, ids)
    return [experiment_dto(e, members.get(e.id, []), measurements.get(e.id, []),
                           follow_ups.get(e.id, []), history.get(e.id, []),
                           splits.get(e.id, []))
            for e in experiments]


def correction_dto(correction, measurement: Measurement) -> dict:
    return {"measurement_id": measurement.id, "at": _time(measurement.at),
            "old_value": correction.old_value, "new_value": correction.new_value,
            "old_note": correction.old_note, "new_note": correction.new_note,
            "corrected_by": correction.corrected_by,
            "corrected_at": _time(correction.corrected_at)}
