"""A key result linked to an experiment follows its metric: each measurement recorded
moves the key result's current value, the latest measurement winning (mixed into
GrowthService; each event counts once)."""
from __future__ import annotations

from datetime import UTC, datetime

from services.growth import store
from shared.contracts.experiments import MeasurementRecorded
from shared.events import event_handler

NOTE = "measured in the experiment"


class ExperimentEventEntrypoints:
    @event_handler("experiments", "measurement_recorded")
    def on_measurement_recorded(self, message: dict) -> None:
        if not self.db.claim(message, "growth.on_measurement_recorded"):
            return
        event = MeasurementRecorded.model_validate(message["data"])
        at = datetime.fromisoformat(event.at)
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        for kr in store.key_results_of_experiment(self.db.session, event.experiment_id):
            if kr.measured_at is None or at >= kr.measured_at:
                kr.measured_at = at
                store.record_key_result(self.db.session, kr, event.value, NOTE,
                                        event.recorded_by or "experiments", at)
        self.db.commit()
