"""The career service's events in the read model (mixed into InsightsService):
opportunities (the latest event wins) and profiles (a deactivated person's leaves)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.insights import read_model, store
from services.insights.documents import Doc
from services.insights.domain import OPPORTUNITY
from services.insights.read_model import retried
from services.insights.texts import opportunity_text
from shared.contracts.career import (
    OpportunityClosed,
    OpportunityPosted,
    OpportunityUpdated,
    PersonDeactivated,
    ProfileUpdated,
)
from shared.events import event_handler


def opportunity_doc(e: OpportunityPosted) -> Doc:
    names = [s["name"] for s in e.skills]
    return Doc(OPPORTUNITY, e.opportunity_id, e.title,
               opportunity_text(e.title, e.description, names), status=e.status,
               author_id=e.owner_id, active=e.status == "OPEN",
               extra={"kind": e.kind, "team": e.team, "skills": e.skills})


def profile_updated(session: Session, event: ProfileUpdated) -> None:
    store.put_profile(session, event.person_id, event.headline, event.skills, event.interests,
                      event.aspirations, event.mentoring_skills)


def person_deactivated(session: Session, event: PersonDeactivated) -> None:
    store.drop_profile(session, event.person_id)


class CareerEventEntrypoints:
    @event_handler("career", "opportunity_posted")
    @retried
    def on_opportunity_posted(self, message: dict) -> None:
        event = OpportunityPosted.model_validate(message["data"])
        read_model.write_latest(self.db, message, "on_opportunity_posted",
                                opportunity_doc(event))

    @event_handler("career", "opportunity_updated")
    @retried
    def on_opportunity_updated(self, message: dict) -> None:
        event = OpportunityUpdated.model_validate(message["data"])
        read_model.write_latest(self.db, message, "on_opportunity_updated",
                                opportunity_doc(event))

    @event_handler("career", "opportunity_closed")
    @retried
    def on_opportunity_closed(self, message: dict) -> None:
        event = OpportunityClosed.model_validate(message["data"])
        read_model.retire(self.db, message, "on_opportunity_closed", OPPORTUNITY,
                          event.opportunity_id, "CLOSED")

    @event_handler("career", "profile_updated")
    @retried
    def on_profile_updated(self, message: dict) -> None:
        read_model.apply_once(self.db, message, "on_profile_updated", ProfileUpdated,
                              profile_updated)

    @event_handler("career", "person_deactivated")
    def on_person_deactivated(self, message: dict) -> None:
        read_model.apply_once(self.db, message, "on_person_deactivated", PersonDeactivated,
                              person_deactivated)
