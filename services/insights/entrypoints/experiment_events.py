"""The experiments service's events in the read model (mixed into InsightsService): a
concluded experiment joins a theme (its learnings count) and is offered to similar
hypotheses."""
from __future__ import annotations

from services.insights import domain, read_model
from services.insights.documents import Doc
from services.insights.domain import EXPERIMENT
from services.insights.read_model import retried
from services.insights.texts import experiment_text
from shared.contracts.experiments import ExperimentConcluded
from shared.events import event_handler


def experiment_doc(e: ExperimentConcluded) -> Doc:
    return Doc(EXPERIMENT, e.experiment_id, e.title, experiment_text(e.title, e.hypothesis),
               status=e.decision, author_id=e.owner_id,
               created_at=domain.parse_time(e.concluded_at),
               extra={"decision": e.decision, "learnings": e.learnings,
                      "idea_id": e.idea_id, "hypothesis": e.hypothesis})


class ExperimentEventEntrypoints:
    @event_handler("experiments", "experiment_concluded")
    @retried
    def on_experiment_concluded(self, message: dict) -> None:
        event = ExperimentConcluded.model_validate(message["data"])
        read_model.write(self.db, message, "on_experiment_concluded", [experiment_doc(event)])
