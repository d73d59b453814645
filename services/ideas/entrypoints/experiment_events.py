"""Handlers of the experiments service's events: the idea follows its experiment (mixed
into IdeasService). Each handler claims the event in its own transaction, so a redelivered
event changes nothing."""
from __future__ import annotations

from datetime import UTC, datetime

from nameko.events import event_handler

from services.ideas import domain, store
from services.ideas.models import Idea
from shared.contracts.experiments import ExperimentConcluded, ExperimentPlanned, ExperimentStarted

SYSTEM_ACTOR = "experiments"


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def follow(db, idea: Idea, target: str, by: str | None, reason: str) -> None:
    """Moves the idea along the allowed moves towards `target` (domain.path_to)."""
    for step in domain.path_to(idea.status, target):
        store.move(db, idea, step, by or SYSTEM_ACTOR, reason)


class ExperimentEventEntrypoints:
    @event_handler("experiments", "experiment_planned")
    def on_experiment_planned(self, message: dict) -> None:
        if not self.db.claim(message, "ideas.on_experiment_planned"):
            return
        event = ExperimentPlanned.model_validate(message["data"])
        found = store.lock_linked(self.db.session, event.idea_id, event.experiment_id)
        if found:
            _, link = found
            link.title, link.owner_id = event.title, event.owner_id
        self.db.commit()

    @event_handler("experiments", "experiment_started")
    def on_experiment_started(self, message: dict) -> None:
        if not self.db.claim(message, "ideas.on_experiment_started"):
            return
        event = ExperimentStarted.model_validate(message["data"])
        found = store.lock_linked(self.db.session, event.idea_id, event.experiment_id)
        if found:
            idea, link = found
            link.title, link.started_at = event.title, _time(event.started_at)
            if link.concluded_at is None:  # a conclusion that overtook it has decided
                follow(self.db, idea, domain.IdeaStatus.EXPERIMENTING, link.owner_id,
                       f"experiment '{event.title}' started")
        self.db.commit()

    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        """ADOPT → IMPLEMENTED; ABANDON → back to ACCEPTED; ADAPT → still EXPERIMENTING
        (a follow-up experiment); the learnings stay linked to the idea in every case."""
        if not self.db.claim(message, "ideas.on_experiment_concluded"):
            return
        event = ExperimentConcluded.model_validate(message["data"])
        found = store.lock_linked(self.db.session, event.idea_id, event.experiment_id)
        if found:
            idea, link = found
            link.title, link.owner_id, link.decision = event.title, event.owner_id, event.decision
            link.learnings, link.concluded_at = event.learnings, _time(event.concluded_at)
            target = domain.AFTER_DECISION.get(event.decision)
            if target:
                follow(self.db, idea, target, event.owner_id, f"experiment '{event.title}' "
                       f"concluded: {event.decision}. Learnings: {event.learnings}")
        self.db.commit()
