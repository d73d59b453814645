"""Recording and importing measurements (mixed into ExperimentsService). Only members
record; the same moment again is a no-op with the same value and a correction (kept in the
audit trail) with another."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from services.experiments import csv_import, domain, signals, store, validation
from services.experiments.dto import correction_dto, experiment_dtos
from services.experiments.models import Experiment, Measurement
from services.experiments.validation import Reading
from shared.clock import now
from shared.contracts.experiments import MeasurementRecorded
from shared.entrypoints import rpc


class MeasurementEntrypoints:
    @rpc
    def record_measurement(self, experiment_id: str, value: float | None, at: str,
                           note: str | None = None, numerator: float | None = None,
                           denominator: float | None = None) -> dict:
        """The experiment with the measurement in its chart: a value for a MEASURE or COUNT
        metric, a numerator and a denominator for a PROPORTION or RATE."""
        experiment, by = self._open_for_recording(experiment_id)
        stamp = now()
        reading = validation.measurement(experiment.metric_kind, at, note, stamp, value=value,
                                         numerator=numerator, denominator=denominator)
        existing = store.measurement_at(self.db.session, experiment.id, reading.at)
        before = signals.chart_signals(self.db.session, experiment)
        self._record(experiment, existing, reading, by, stamp)
        signals.announce_new(self.db, experiment, before, by)
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    @rpc
    def import_measurements(self, experiment_id: str, csv: str) -> dict:
        """All rows or none: a bad row is reported with its line number, column and why.
        Returns {experiment, recorded, corrected, unchanged}."""
        experiment, by = self._open_for_recording(experiment_id)
        stamp = now()
        rows = csv_import.parse(csv, stamp, experiment.metric_kind)
        measured = store.measurements_of(self.db.session, [experiment.id]).get(experiment.id, [])
        existing = {m.at: m for m in measured}
        before = signals.chart_signals(self.db.session, experiment)
        outcomes = Counter(self._record(experiment, existing.get(row.at), row, by, stamp)
                           for row in rows)
        signals.announce_new(self.db, experiment, before, by)
        self.db.commit()
        return {"experiment": experiment_dtos(self.db.session, [experiment])[0],
                **{k: outcomes[k] for k in ("recorded", "corrected", "unchanged")}}

    @rpc
    def get_corrections_of(self, ids: list[str]) -> list[list[dict]]:
        """The corrections of each experiment's measurements, oldest first."""
        self.caller.require()
        found = store.corrections_of(self.db.session, ids)
        return [[correction_dto(c, m) for c, m in found.get(i, [])] for i in ids]

    def _open_for_recording(self, experiment_id: str) -> tuple[Experiment, str]:
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id, lock=True)
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        domain.check_member(members, caller.user_id, "record measurements")
        domain.check_recording(experiment.stage)
        return experiment, caller.user_id

    def _record(self, experiment: Experiment, existing: Measurement | None, reading: Reading,
                by: str, stamp: datetime) -> str:
        outcome, measurement, before = store.record(self.db.session, experiment, existing,
                                                    reading, by, stamp)
        if outcome != "unchanged":
            experiment.updated_at = stamp
            self.db.emit(MeasurementRecorded(
                experiment_id=experiment.id, measurement_id=measurement.id,
                value=reading.value, numerator=reading.numerator,
                denominator=reading.denominator, at=reading.at.isoformat(),
                corrected_from=before,
                recorded_by=by))
        return outcome
