"""Reviewer entrypoints: move ideas through the workflow, assess, merge (mixed into
IdeasService)."""
from __future__ import annotations

from sqlalchemy import select

from services.ideas import domain, store, validation
from services.ideas.dto import grouped, history_dto, idea_dto, link_dto
from services.ideas.models import ExperimentLink, Idea, StatusChange
from shared.clock import now
from shared.contracts.ideas import IdeaMerged
from shared.entrypoints import rpc
from shared.errors import NotFound, PermissionDenied, ValidationError


class ReviewEntrypoints:
    def _reviewer(self, action: str):
        actor = self.caller.require()
        if not actor.has("reviewer"):
            raise PermissionDenied(f"{action} needs the reviewer role")
        return actor

    @rpc
    def transition_idea(self, idea_id: str, to: str, reason: str | None = None) -> dict:
        actor = self._reviewer("moving an idea through the workflow")
        if to not in set(domain.IdeaStatus):
            raise ValidationError("is not an idea status", field="to")
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        reason = domain.check_transition(idea.status, to, reviewer=True, reason=reason)
        store.move(self.db, idea, to, actor.user_id, reason)
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def assess_idea(self, idea_id: str, impact: int, effort: int) -> dict:
        actor = self._reviewer("assessing an idea")
        impact, effort = validation.validate_assessment(impact, effort)
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        domain.check_assessor(reviewer=True, status=idea.status)
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
        actor = self._reviewer("merging ideas")
        if str(idea_id) == str(into_id):
            raise ValidationError("cannot be the idea being merged", field="intoId")
        found = self._lock_pair(str(idea_id), str(into_id))
        duplicate, into = found[str(idea_id)], found[str(into_id)]
        if domain.check_merge(duplicate=_facts(duplicate), into=_facts(into), reviewer=True):
            store.move_votes(self.db.session, duplicate, into)
            duplicate.duplicate_of_id = into.id
            store.move(self.db, duplicate, domain.IdeaStatus.DUPLICATE, actor.user_id,
                       f"merged into '{into.title}'")
            self.db.emit(IdeaMerged(idea_id=duplicate.id, into_id=into.id,
                                    merged_by=actor.user_id))
        self.db.commit()
        return idea_dto(self.db.session, duplicate)

    def _lock_pair(self, idea_id: str, into_id: str) -> dict[str, Idea]:
        try:
            return store.lock_ideas(self.db.session, [idea_id, into_id])
        except NotFound:
            missing = "the idea to merge into" if self.db.session.get(Idea, idea_id) else "idea"
            raise NotFound(f"no {missing} with this id") from None

    @rpc
    def get_history_of(self, idea_ids: list[str]) -> list[list[dict]]:
        """Each idea's status changes, oldest first, in the order of `idea_ids`."""
        self.caller.require()
        rows = self.db.session.scalars(
            select(StatusChange).where(StatusChange.idea_id.in_(idea_ids))
            .order_by(StatusChange.seq)).all()
        return grouped(list(idea_ids), rows, "idea_id", history_dto)

    @rpc
    def get_experiment_links_of(self, idea_ids: list[str]) -> list[list[dict]]:
        self.caller.require()
        rows = self.db.session.scalars(
            select(ExperimentLink).where(ExperimentLink.idea_id.in_(idea_ids))
            .order_by(ExperimentLink.started_at.is_(None), ExperimentLink.started_at,
                      ExperimentLink.experiment_id)).all()
        return grouped(list(idea_ids), rows, "idea_id", link_dto)


def _facts(idea: Idea) -> dict:
    return {"id": idea.id, "status": idea.status, "duplicate_of_id": idea.duplicate_of_id}
