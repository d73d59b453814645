"""Handlers of the experiments service's events: the idea follows its experiment (mixed
into IdeasService). Each handler claims the event in its own transaction, so a redelivered
event changes nothing; then it changes the idea the experiment is about and its link."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from services.ideas import domain, store
from services.ideas.models import ExperimentLink, Idea
from shared.contracts import Contract
from shared.contracts.experiments import ExperimentConcluded, ExperimentPlanned, ExperimentStarted
from shared.events import event_handler

SYSTEM_ACTOR = "experiments"
Change = Callable[..., None]  # (db, event, idea, link)


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def apply_once(db, message: dict, handler: str, contract: type[Contract],
               change: Change) -> None:
    """Claims the event, then `change` updates the idea it is about (locked) and its link
    to the experiment; an experiment without a known idea changes nothing."""
    if not db.claim(message, f"ideas.{handler}"):
        return
    event = contract.model_validate(message["data"])
    found = store.lock_linked(db.session, event.idea_id, event.experiment_id)
    if found:
        change(db, event, *found)
    db.commit()


def follow(db, idea: Idea, target: str, by: str | None, reason: str) -> None:
    """Moves the idea along the allowed moves towards `target` (domain.path_to)."""
    for step in domain.path_to(idea.status, target):
        store.move(db, idea, step, by or SYSTEM_ACTOR, reason)


def planned(db, event: ExperimentPlanned, idea: Idea, link: ExperimentLink) -> None:
    link.title, link.owner_id = event.title, event.owner_id


def started(db, event: ExperimentStarted, idea: Idea, link: ExperimentLink) -> None:
    link.title, link.started_at = event.title, _time(event.started_at)
    if link.concluded_at is None:  # a conclusion that overtook it has decided
        follow(db, idea, domain.IdeaStatus.EXPERIMENTING, link.owner_id,
               f"experiment '{event.title}' started")


def concluded(db, event: ExperimentConcluded, idea: Idea, link: ExperimentLink) -> None:
    """ADOPT → IMPLEMENTED; ABANDON → back to ACCEPTED; ADAPT → still EXPERIMENTING (a
    follow-up experiment); the learnings stay linked to the idea in every case."""
    link.title, link.owner_id, link.decision = event.title, event.owner_id, event.decision
    link.learnings, link.concluded_at = event.learnings, _time(event.concluded_at)
    target = domain.AFTER_DECISION.get(event.decision)
    if target:
        follow(db, idea, target, event.owner_id, f"experiment '{event.title}' concluded: "
               f"{event.decision}. Learnings: {event.learnings}")


class ExperimentEventEntrypoints:
    @event_handler("experiments", "experiment_planned")
    def on_experiment_planned(self, message: dict) -> None:
        apply_once(self.db, message, "on_experiment_planned", ExperimentPlanned, planned)

    @event_handler("experiments", "experiment_started")
    def on_experiment_started(self, message: dict) -> None:
        apply_once(self.db, message, "on_experiment_started", ExperimentStarted, started)

    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        apply_once(self.db, message, "on_experiment_concluded", ExperimentConcluded, concluded)
