"""Event handlers that keep the read model (mixed into InsightsService). Each claims its
event first, so a redelivered event changes nothing; texts are embedded off the hub."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable

from nameko.events import event_handler
from sqlalchemy.exc import IntegrityError

from services.insights import theming
from services.insights.documents import (
    EXPERIMENT,
    IDEA,
    OPPORTUNITY,
    REFLECTION,
    Doc,
    deactivate,
    extra_of,
    parse_time,
    prepare,
    tombstone,
    upsert_many,
)
from services.insights.models import Document, Profile
from services.insights.texts import experiment_text, idea_text, opportunity_text
from shared.clock import now
from shared.contracts.career import (
    OpportunityClosed,
    OpportunityPosted,
    OpportunityUpdated,
    ProfileUpdated,
)
from shared.contracts.experiments import ExperimentConcluded
from shared.contracts.ideas import IdeaMerged, IdeaStatusChanged, IdeaSubmitted, IdeaUpdated
from shared.contracts.reflections import ReflectionShared, ReflectionUnshared

RETRIES = 3


def idea_doc(e: IdeaSubmitted | IdeaUpdated, status: str = "SUBMITTED") -> Doc:
    return Doc(IDEA, e.idea_id, e.title, idea_text(e.title, e.problem, e.proposal),
               status=status, author_id=e.author_id,
               created_at=parse_time(getattr(e, "created_at", None)), extra={"tags": e.tags})


def opportunity_doc(e: OpportunityPosted) -> Doc:
    names = [s["name"] for s in e.skills]
    return Doc(OPPORTUNITY, e.opportunity_id, e.title,
               opportunity_text(e.title, e.description, names), status=e.status,
               author_id=e.owner_id, active=e.status == "OPEN",
               extra={"kind": e.kind, "team": e.team, "skills": e.skills})


def reflection_doc(e: ReflectionShared) -> Doc:
    return Doc(REFLECTION, e.reflection_id, "", e.text, status=e.visibility,
               author_id=e.author_id, extra={"visibility": e.visibility, "team": e.team})


def experiment_doc(e: ExperimentConcluded) -> Doc:
    return Doc(EXPERIMENT, e.experiment_id, e.title, experiment_text(e.title, e.hypothesis),
               status=e.decision, author_id=e.owner_id, created_at=parse_time(e.concluded_at),
               extra={"decision": e.decision, "learnings": e.learnings,
                      "idea_id": e.idea_id, "hypothesis": e.hypothesis})


def keep_idea_state(doc: Doc, row: Document) -> None:
    """An idea's text events keep the status (and merge) its row holds, also when the row
    is a tombstone that a status change or merge left before the submission arrived."""
    doc.status, doc.active = row.status or doc.status, row.status != "DUPLICATE"


def retried(handler):
    """Two handlers may insert the same document at once (shared and unshared travel on
    separate queues): the loser rolls back and runs again, seeing the winner's row."""
    @functools.wraps(handler)
    def run(self, message: dict) -> None:
        for attempt in range(RETRIES):
            try:
                return handler(self, message)
            except IntegrityError:
                self.db.session.rollback()
                if attempt == RETRIES - 1:
                    raise
    return run


def newer(message: dict, row: Document) -> bool:
    """Whether `message` happened after the last event applied to `row`."""
    as_of = extra_of(row).get("as_of")
    return as_of is None or parse_time(message["occurred_at"]) >= parse_time(as_of)


class ReadModelHandlers:
    def _store(self, message: dict, handler: str, docs: list[Doc], adjust=None) -> None:
        """Encodes first (no write lock held meanwhile), then claims the event, lets
        `adjust` revise the docs against the current rows, upserts and places them, and
        clusters the pool when it is due."""
        vectors = prepare(self.db.session, docs)
        if not self._claimed(message, handler):
            return
        due = False
        for row, _ in upsert_many(self.db.session, adjust(docs) if adjust else docs, vectors):
            due = theming.place(self.db.session, row) or due
        if due:
            theming.cluster_the_pool(self.db.session)
        self.db.commit()

    def _store_latest(self, message: dict, handler: str, doc: Doc,
                      keep: Callable[[Doc, Document], None] | None = None) -> None:
        """For documents whose events travel on separate queues (posted/updated/closed,
        shared/unshared, submitted/updated/merged): whichever happened last wins, whatever
        order they arrive in. `keep` carries over what the row holds that `doc` lacks."""
        def unless_outdated(docs: list[Doc]) -> list[Doc]:
            row = self.db.session.get(Document, (doc.kind, doc.id))
            if row is not None and not newer(message, row):
                return []
            if row is not None and keep is not None:
                keep(doc, row)
            return docs

        doc.extra["as_of"] = message["occurred_at"]
        self._store(message, handler, [doc], unless_outdated)

    def _retire(self, message: dict, handler: str, kind: str, doc_id: str, status: str,
                erase: bool = False) -> None:
        """Deactivates the document; a tombstone stands in for one not seen yet, so its
        earlier event, arriving late, is ignored. `erase` forgets its text and embedding."""
        if not self._claimed(message, handler):
            return
        session = self.db.session
        row = tombstone(session, kind, doc_id)
        if newer(message, row):
            deactivate(session, kind, doc_id, status, as_of=message["occurred_at"])
            theming.place(session, row)
            if erase:
                row.text, row.embedding = "", b""
                row.extra = json.dumps({"as_of": message["occurred_at"]})
        self.db.commit()

    def _claimed(self, message: dict, handler: str) -> bool:
        return self.db.claim(message, f"insights.{handler}")

    @event_handler("ideas", "idea_submitted")
    @retried
    def on_idea_submitted(self, message: dict) -> None:
        event = IdeaSubmitted.model_validate(message["data"])
        self._store_latest(message, "on_idea_submitted", idea_doc(event), keep_idea_state)

    @event_handler("ideas", "idea_updated")
    @retried
    def on_idea_updated(self, message: dict) -> None:
        event = IdeaUpdated.model_validate(message["data"])
        self._store_latest(message, "on_idea_updated", idea_doc(event), keep_idea_state)

    @event_handler("ideas", "idea_status_changed")
    @retried
    def on_idea_status_changed(self, message: dict) -> None:
        if not self._claimed(message, "on_idea_status_changed"):
            return
        event = IdeaStatusChanged.model_validate(message["data"])
        tombstone(self.db.session, IDEA, event.idea_id).status = event.to_status
        self.db.commit()

    @event_handler("ideas", "idea_merged")
    @retried
    def on_idea_merged(self, message: dict) -> None:
        """A merged idea leaves every search and its theme (and stays out when its
        submission arrives after the merge)."""
        if not self._claimed(message, "on_idea_merged"):
            return
        event = IdeaMerged.model_validate(message["data"])
        tombstone(self.db.session, IDEA, event.idea_id)
        row = deactivate(self.db.session, IDEA, event.idea_id, "DUPLICATE",
                         merged_into=event.into_id)
        theming.place(self.db.session, row)
        self.db.commit()

    @event_handler("career", "opportunity_posted")
    @retried
    def on_opportunity_posted(self, message: dict) -> None:
        event = OpportunityPosted.model_validate(message["data"])
        self._store_latest(message, "on_opportunity_posted", opportunity_doc(event))

    @event_handler("career", "opportunity_updated")
    @retried
    def on_opportunity_updated(self, message: dict) -> None:
        event = OpportunityUpdated.model_validate(message["data"])
        self._store_latest(message, "on_opportunity_updated", opportunity_doc(event))

    @event_handler("career", "opportunity_closed")
    @retried
    def on_opportunity_closed(self, message: dict) -> None:
        event = OpportunityClosed.model_validate(message["data"])
        self._retire(message, "on_opportunity_closed", OPPORTUNITY, event.opportunity_id,
                     "CLOSED")

    @event_handler("career", "profile_updated")
    @retried
    def on_profile_updated(self, message: dict) -> None:
        if not self._claimed(message, "on_profile_updated"):
            return
        event = ProfileUpdated.model_validate(message["data"])
        profile = self.db.session.get(Profile, event.person_id) or Profile(
            person_id=event.person_id)
        profile.headline, profile.aspirations = event.headline, event.aspirations
        profile.skills, profile.interests = json.dumps(event.skills), json.dumps(event.interests)
        profile.mentoring_skills, profile.updated_at = json.dumps(event.mentoring_skills), now()
        self.db.session.merge(profile)
        self.db.commit()

    @event_handler("reflections", "reflection_shared")
    @retried
    def on_reflection_shared(self, message: dict) -> None:
        event = ReflectionShared.model_validate(message["data"])
        self._store_latest(message, "on_reflection_shared", reflection_doc(event))

    @event_handler("reflections", "reflection_unshared")
    @retried
    def on_reflection_unshared(self, message: dict) -> None:
        """Private again (or deleted): its text and embedding are erased here and it leaves
        every theme count."""
        event = ReflectionUnshared.model_validate(message["data"])
        self._retire(message, "on_reflection_unshared", REFLECTION, event.reflection_id,
                     "PRIVATE", erase=True)

    @event_handler("experiments", "experiment_concluded")
    @retried
    def on_experiment_concluded(self, message: dict) -> None:
        event = ExperimentConcluded.model_validate(message["data"])
        self._store(message, "on_experiment_concluded", [experiment_doc(event)])
