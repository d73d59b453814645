"""The evidence improvement work leaves on profiles: concluded experiments, implemented
ideas and kudos naming a skill (event handlers mixed into CareerService; each event counts
once)."""
from __future__ import annotations

from datetime import UTC, datetime

from services.career import domain, store
from shared.clock import now
from shared.contracts.experiments import ExperimentConcluded
from shared.contracts.growth import KudosGiven
from shared.contracts.ideas import IdeaStatusChanged
from shared.events import event_handler


def when(stamp: str) -> datetime:
    """An event's ISO time as an aware UTC datetime (now, when it cannot be read)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return now()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class EvidenceEntrypoints:
    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        if not self.db.claim(message, "career.on_experiment_concluded"):
            return
        event = ExperimentConcluded.model_validate(message["data"])
        text = domain.experiment_evidence(event.title, event.decision, event.learnings)
        for person_id in domain.experiment_people(event.owner_id, event.member_ids):
            store.add_evidence(self.db.session, person_id, "EXPERIMENT", event.experiment_id,
                               event.title, text, when(event.concluded_at))
        self.db.commit()

    @event_handler("ideas", "idea_status_changed")
    def on_idea_status_changed(self, message: dict) -> None:
        if not self.db.claim(message, "career.on_idea_status_changed"):
            return
        event = IdeaStatusChanged.model_validate(message["data"])
        text = domain.idea_evidence(event.to_status, event.title)
        if text is not None:
            store.add_evidence(self.db.session, event.author_id, "IDEA", event.idea_id,
                               event.title, text, when(event.changed_at))
        self.db.commit()

    @event_handler("growth", "kudos_given")
    def on_kudos_given(self, message: dict) -> None:
        if not self.db.claim(message, "career.on_kudos_given"):
            return
        event = KudosGiven.model_validate(message["data"])
        found = domain.kudos_evidence(event.skill, event.to_person_id, event.visibility,
                                      event.message)
        if found is not None:
            title, text = found
            store.add_evidence(self.db.session, event.to_person_id, "KUDOS", event.kudos_id,
                               title, text, when(event.created_at))
        self.db.commit()
