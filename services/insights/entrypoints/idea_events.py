"""The ideas service's events in the read model (mixed into InsightsService): a merged
idea leaves every search and its theme, also when the merge overtakes the submission."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.insights import domain, read_model, theme_upkeep
from services.insights.documents import Doc, deactivate, tombstone
from services.insights.domain import IDEA
from services.insights.models import Document
from services.insights.read_model import retried
from services.insights.texts import idea_text
from shared.contracts.ideas import IdeaMerged, IdeaStatusChanged, IdeaSubmitted, IdeaUpdated
from shared.events import event_handler


def idea_doc(e: IdeaSubmitted | IdeaUpdated, status: str = "SUBMITTED") -> Doc:
    return Doc(IDEA, e.idea_id, e.title, idea_text(e.title, e.problem, e.proposal),
               status=status, author_id=e.author_id,
               created_at=domain.parse_time(getattr(e, "created_at", None)),
               extra={"tags": e.tags})


def keep_idea_state(doc: Doc, row: Document) -> None:
    """An idea's text events keep the status (and merge) its row holds, also when the row
    is a tombstone that a status change or merge left before the submission arrived."""
    doc.status, doc.active = row.status or doc.status, domain.idea_active(row.status)


def status_changed(session: Session, event: IdeaStatusChanged) -> None:
    tombstone(session, IDEA, event.idea_id).status = event.to_status


def merged(session: Session, event: IdeaMerged) -> None:
    tombstone(session, IDEA, event.idea_id)
    row = deactivate(session, IDEA, event.idea_id, domain.MERGED, merged_into=event.into_id)
    theme_upkeep.place(session, row)


class IdeaEventEntrypoints:
    @event_handler("ideas", "idea_submitted")
    @retried
    def on_idea_submitted(self, message: dict) -> None:
        event = IdeaSubmitted.model_validate(message["data"])
        read_model.write_latest(self.db, message, "on_idea_submitted", idea_doc(event),
                                keep_idea_state)

    @event_handler("ideas", "idea_updated")
    @retried
    def on_idea_updated(self, message: dict) -> None:
        event = IdeaUpdated.model_validate(message["data"])
        read_model.write_latest(self.db, message, "on_idea_updated", idea_doc(event),
                                keep_idea_state)

    @event_handler("ideas", "idea_status_changed")
    @retried
    def on_idea_status_changed(self, message: dict) -> None:
        read_model.apply_once(self.db, message, "on_idea_status_changed", IdeaStatusChanged,
                              status_changed)

    @event_handler("ideas", "idea_merged")
    @retried
    def on_idea_merged(self, message: dict) -> None:
        read_model.apply_once(self.db, message, "on_idea_merged", IdeaMerged, merged)
