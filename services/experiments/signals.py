"""Which run-chart signals a recording adds: the chart before and after, compared by the
moments each signal spans (indexes move when a point is inserted), so only new ones are told."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.experiments import store
from services.experiments.dto import analysis
from services.experiments.models import Experiment
from shared.contracts.experiments import RunChartSignalled
from shared.db import Db

SignalKey = tuple[str, str, str]  # kind, first and last moment it spans


def chart_signals(session: Session, experiment: Experiment) -> dict[SignalKey, str]:
    measured = store.measurements_of(session, [experiment.id]).get(experiment.id, [])
    splits = store.splits_of(session, [experiment.id]).get(experiment.id, [])
    chart, _, _ = analysis(experiment, measured, splits)
    return {(s.kind, chart.points[s.from_index].reading.at.isoformat(),
             chart.points[s.to_index].reading.at.isoformat()): s.description
            for s in chart.signals}


def announce_new(db: Db, experiment: Experiment, before: dict[SignalKey, str],
                 by: str) -> None:
    after = chart_signals(db.session, experiment)
    new = [(key, text) for key, text in after.items() if key not in before]
    if not new:
        return
    members = store.member_ids(db.session, [experiment.id])[experiment.id]
    db.emit(RunChartSignalled(
        experiment_id=experiment.id, title=experiment.title, owner_id=experiment.owner_id,
        member_ids=members, kinds=[key[0] for key, _ in new],
        descriptions=[text for _, text in new], recorded_by=by))
