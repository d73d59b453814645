"""What the service learns from other services' events to route notices: people (career,
and who of them is deactivated), ideas (ideas) and opportunities (career). Mixed into
NotificationsService."""
from __future__ import annotations

from services.notifications import store
from services.notifications.notices import learn_once
from shared.contracts import career, ideas
from shared.events import event_handler


class DirectoryEntrypoints:
    @event_handler("career", "person_upserted")
    def on_person_upserted(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_person_upserted", _learn_person)

    @event_handler("career", "person_deactivated")
    def on_person_deactivated(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_person_deactivated",
                   lambda session, e: store.set_active(session, e.person_id, False))

    @event_handler("career", "person_reactivated")
    def on_person_reactivated(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_person_reactivated",
                   lambda session, e: store.set_active(session, e.person_id, True))

    @event_handler("career", "opportunity_posted")
    def on_opportunity_posted(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_opportunity_posted", _learn_opportunity)

    @event_handler("career", "opportunity_updated")
    def on_opportunity_updated(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_opportunity_updated", _learn_opportunity)

    @event_handler("ideas", "idea_updated")
    def on_idea_updated(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_idea_updated", _learn_idea)


def _learn_person(session, e: career.PersonUpserted) -> None:
    store.upsert_person(session, e.person_id, e.name, e.team, e.roles, e.email)


def _learn_opportunity(session, e: career.OpportunityPosted) -> None:
    store.upsert_opportunity(session, e.opportunity_id, e.title, e.owner_id)


def _learn_idea(session, e: ideas.IdeaUpdated) -> None:
    store.upsert_idea(session, e.idea_id, e.title, e.author_id, e.area)
