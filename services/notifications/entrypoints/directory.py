"""What the service learns from other services' events to route notices: people (career),
ideas (ideas) and opportunities (career). Mixed into NotificationsService."""
from __future__ import annotations

from services.notifications import store
from shared.contracts import career, ideas
from shared.events import event_handler


class DirectoryEntrypoints:
    @event_handler("career", "person_upserted")
    def on_person_upserted(self, message: dict) -> None:
        if not self.db.claim(message, "notifications.on_person_upserted"):
            return
        e = career.PersonUpserted.model_validate(message["data"])
        store.upsert_person(self.db.session, e.person_id, e.name, e.team, e.roles, e.email)
        self.db.commit()

    @event_handler("career", "opportunity_posted")
    def on_opportunity_posted(self, message: dict) -> None:
        self._learn_opportunity(message, "notifications.on_opportunity_posted")

    @event_handler("career", "opportunity_updated")
    def on_opportunity_updated(self, message: dict) -> None:
        self._learn_opportunity(message, "notifications.on_opportunity_updated")

    @event_handler("ideas", "idea_updated")
    def on_idea_updated(self, message: dict) -> None:
        if not self.db.claim(message, "notifications.on_idea_updated"):
            return
        e = ideas.IdeaUpdated.model_validate(message["data"])
        store.upsert_idea(self.db.session, e.idea_id, e.title, e.author_id, e.area)
        self.db.commit()

    def _learn_opportunity(self, message: dict, handler: str) -> None:
        if not self.db.claim(message, handler):
            return
        e = career.OpportunityPosted.model_validate(message["data"])
        store.upsert_opportunity(self.db.session, e.opportunity_id, e.title, e.owner_id)
        self.db.commit()
