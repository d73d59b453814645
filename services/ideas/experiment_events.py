"""Handlers of the experiments service's events: the idea follows its experiment (mixed
into IdeasService). Each handler claims the event in its own transaction, so a redelivered
event changes nothing."""
from __future__ import annotations

from datetime import UTC, datetime

from nameko.events import event_handler

from services.ideas import domain, store
from services.ideas.models import ExperimentLink, Idea
from shared.contracts.experiments import ExperimentConcluded, ExperimentPlanned, ExperimentStarted

S = domain.IdeaStatus
AFTER_DECISION = {"ADOPT": S.IMPLEMENTED, "ADAPT": S.EXPERIMENTING, "ABANDON": S.ACCEPTED}
SYSTEM_ACTOR = "experiments"


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ExperimentEvents:
    @event_handler("experiments", "experiment_planned")
    def on_experiment_planned(self, message: dict) -> None:
        if not self.db.claim(message, "ideas.on_experiment_planned"):
            return
        event = ExperimentPlanned.model_validate(message["data"])
        found = self._linked(event.idea_id, event.experiment_id)
        if found:
            _, link = found
            link.title, link.owner_id = event.title, event.owner_id
        self.db.commit()

    @event_handler("experiments", "experiment_started")
    def on_experiment_started(self, message: dict) -> None:
        if not self.db.claim(message, "ideas.on_experiment_started"):
            return
        event = ExperimentStarted.model_validate(message["data"])
        found = self._linked(event.idea_id, event.experiment_id)
        if found:
            idea, link = found
            link.title, link.started_at = event.title, _time(event.started_at)
            if link.concluded_at is None:  # a conclusion that overtook it has decided
                self._follow(idea, S.EXPERIMENTING, link.owner_id,
                             f"experiment '{event.title}' started")
        self.db.commit()

    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        """ADOPT → IMPLEMENTED; ABANDON → back to ACCEPTED; ADAPT → still EXPERIMENTING
        (a follow-up experiment); the learnings stay linked to the idea in every case."""
        if not self.db.claim(message, "ideas.on_experiment_concluded"):
            return
        event = ExperimentConcluded.model_validate(message["data"])
        found = self._linked(event.idea_id, event.experiment_id)
        if found:
            idea, link = found
            link.title, link.owner_id, link.decision = event.title, event.owner_id, event.decision
            link.learnings, link.concluded_at = event.learnings, _time(event.concluded_at)
            target = AFTER_DECISION.get(event.decision)
            if target:
                self._follow(idea, target, event.owner_id, f"experiment '{event.title}' "
                             f"concluded: {event.decision}. Learnings: {event.learnings}")
        self.db.commit()

    def _linked(self, idea_id: str | None,
                experiment_id: str) -> tuple[Idea, ExperimentLink] | None:
        idea = self.db.session.get(Idea, idea_id, with_for_update=True) if idea_id else None
        if idea is None:
            return None
        link = self.db.session.get(ExperimentLink, (idea.id, experiment_id))
        if link is None:
            link = ExperimentLink(idea_id=idea.id, experiment_id=experiment_id, title="")
            self.db.session.add(link)
        return idea, link

    def _follow(self, idea: Idea, target: str, by: str | None, reason: str) -> None:
        for step in domain.path_to(idea.status, target):
            store.move(self.db, idea, step, by or SYSTEM_ACTOR, reason)
