"""Reviewers move ideas through the workflow, assess and merge them (mixed into
IdeasService). Who may is the domain's `check_may`, asked first."""
from __future__ import annotations

from services.ideas import domain, store, validation
from services.ideas.domain import Use
from services.ideas.dto import grouped, history_dto, idea_dto, link_dto, review_settings_dto
from shared.clock import now
from shared.contracts.ideas import IdeaMerged
from shared.entrypoints import rpc


class ReviewEntrypoints:
    @rpc
    def transition_idea(self, idea_id: str, to: str, reason: str | None = None) -> dict:
        actor = self.caller.require()
        domain.check_may(actor, Use.MOVE)
        target = validation.validate_status(to)
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        self._check_not_own(actor, idea.author_id, domain.decision_of(target))
        reason = domain.check_transition(idea.status, target, reason=reason)
        store.move(self.db, idea, target, actor.user_id, reason)
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def assess_idea(self, idea_id: str, impact: int, effort: int) -> dict:
        actor = self.caller.require()
        domain.check_may(actor, Use.ASSESS)
        impact, effort = validation.validate_assessment(impact, effort)
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        self._check_not_own(actor, idea.author_id, "assess")
        domain.check_assessable(idea.status)
        band_rank, _ = domain.priority_rank(impact, effort)
        idea.impact, idea.effort = impact, effort
        idea.priority, idea.priority_rank = domain.priority(impact, effort), band_rank
        idea.assessed_by, idea.assessed_at = actor.user_id, now()
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def merge_idea(self, idea_id: str, into_id: str) -> dict:
        """Marks `idea_id` DUPLICATE of `into_id`; the canonical idea gets the union of the
        voters. Merging again into the same idea changes nothing."""
        actor = self.caller.require()
        domain.check_may(actor, Use.MERGE)
        idea_id, into_id = validation.validate_merge(idea_id, into_id)
        duplicate, into = store.lock_pair(self.db.session, idea_id, into_id)
        if domain.check_merge(duplicate, into):
            store.merge(self.db, duplicate, into, actor.user_id)
            self.db.emit(IdeaMerged(idea_id=duplicate.id, into_id=into.id,
                                    merged_by=actor.user_id))
        self.db.commit()
        return idea_dto(self.db.session, duplicate)

    @rpc
    def get_review_settings(self) -> dict:
        self.caller.require()
        return review_settings_dto(store.review_settings(self.db.session))

    @rpc
    def change_review_settings(self, allow_self_review: bool) -> dict:
        """Admins only: `allow_self_review` lets a reviewer accept, decline and assess
        their own ideas (a team too small for a second reviewer)."""
        admin = self.caller.require()
        domain.check_may(admin, Use.CHANGE_SETTINGS)
        allow = validation.validate_flag(allow_self_review, "allowSelfReview")
        settings = store.save_review_settings(self.db.session, allow, admin.user_id)
        self.db.commit()
        return review_settings_dto(settings)

    def _check_not_own(self, actor, author_id: str, deciding: str | None) -> None:
        if deciding and actor.user_id == author_id:
            allowed = store.review_settings(self.db.session).allow_self_review
            domain.check_not_own_decision(actor, author_id, deciding, allowed)

    @rpc
    def get_history_of(self, idea_ids: list[str]) -> list[list[dict]]:
        """Each idea's status changes, oldest first, in the order of `idea_ids`."""
        self.caller.require()
        rows = store.history_of(self.db.session, list(idea_ids))
        return grouped(list(idea_ids), rows, "idea_id", history_dto)

    @rpc
    def get_experiment_links_of(self, idea_ids: list[str]) -> list[list[dict]]:
        self.caller.require()
        rows = store.experiment_links_of(self.db.session, list(idea_ids))
        return grouped(list(idea_ids), rows, "idea_id", link_dto)
