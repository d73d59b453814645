"""Submitting, editing and reading ideas (mixed into IdeasService)."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from services.ideas import domain, store, validation
from services.ideas.dto import idea_dto, idea_dtos
from services.ideas.models import Idea
from shared.clock import now
from shared.contracts.ideas import IdeaSubmitted, IdeaUpdated
from shared.entrypoints import rpc
from shared.pagination import page, page_window

EDITABLE = ("title", "problem", "proposal", "benefit", "tags", "area")


class SubmissionEntrypoints:
    @rpc
    def submit_idea(self, fields: dict) -> dict:
        """Also called by the reflections service with `source_reflection_id` and by the
        growth service with `source_ref` (a check-in's problem): a retry with the same
        source returns the idea made the first time."""
        author = self.caller.require()
        submission = validation.validate_submission(fields)
        earlier = self._idea_from_source(submission, author.user_id)
        if earlier is not None:
            return idea_dto(self.db.session, earlier)
        if submission.campaign_id:
            campaign = store.campaign_or_none(self.db.session, submission.campaign_id)
            domain.check_campaign_takes_ideas(campaign, now().date())
        idea = store.add_idea(self.db.session, submission, author.user_id, now())
        self.db.emit(IdeaSubmitted(
            idea_id=idea.id, title=idea.title, problem=idea.problem, proposal=idea.proposal,
            tags=submission.tags, author_id=idea.author_id, campaign_id=idea.campaign_id,
            created_at=idea.created_at.isoformat(), benefit=idea.benefit, area=idea.area,
            source_reflection_id=idea.source_reflection_id, source_ref=idea.source_ref))
        try:
            self.db.commit()
        except IntegrityError:  # the same source, submitted concurrently
            self.db.session.rollback()
            return idea_dto(self.db.session, self._idea_from_source(submission, author.user_id))
        return idea_dto(self.db.session, idea)

    def _idea_from_source(self, submission, author_id: str) -> Idea | None:
        """The idea made earlier from the same reflection or source, if any."""
        if submission.source_reflection_id is not None:
            idea = store.idea_from_reflection(self.db.session, submission.source_reflection_id)
            field = "sourceReflectionId"
        elif submission.source_ref is not None:
            idea = store.idea_from_source_ref(self.db.session, submission.source_ref)
            field = "sourceRef"
        else:
            return None
        if idea is not None:
            domain.check_source_author(idea.author_id, author_id, field)
        return idea

    @rpc
    def update_idea(self, idea_id: str, changes: dict) -> dict:
        """Only the author, only while SUBMITTED; keys left out or None keep their value."""
        editor = self.caller.require()
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        domain.check_edit(author_id=idea.author_id, editor_id=editor.user_id, status=idea.status)
        current = {key: getattr(idea, key) for key in EDITABLE if key != "tags"}
        current["tags"] = [t.tag for t in idea.tags]
        text = validation.validate_update(current, {k: changes.get(k) for k in EDITABLE})
        store.write_text(self.db.session, idea, text)
        self.db.emit(IdeaUpdated(
            idea_id=idea.id, title=idea.title, problem=idea.problem, proposal=idea.proposal,
            tags=text.tags, author_id=idea.author_id, benefit=idea.benefit, area=idea.area,
        ))
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def get_ideas(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = store.ideas_by_id(self.db.session, ids)
        found = {dto["id"]: dto for dto in idea_dtos(self.db.session, rows)}
        return [found.get(i) for i in ids]

    @rpc
    def list_ideas(self, first: int | None = None, after: str | None = None,
                   filter: dict | None = None, order_by: str | None = None) -> dict:
        """filter: {status, campaign_id, tag, author_id, search}; order_by: NEWEST (default),
        TOP_VOTED or PRIORITY (assessed quick wins first)."""
        self.caller.require()
        offset, limit = page_window(first, after)
        flt, order = validation.validate_listing(filter, order_by)
        rows, total = store.listing(self.db.session, flt, order, offset, limit)
        return page(idea_dtos(self.db.session, rows), offset, limit, total)
