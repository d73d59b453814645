"""Entrypoints for submitting, editing and reading ideas (mixed into IdeasService)."""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.ideas import domain, store, validation
from services.ideas.dto import idea_dto, idea_dtos
from services.ideas.models import Campaign, Idea, IdeaTag, StatusChange
from shared.clock import now
from shared.contracts.ideas import IdeaSubmitted, IdeaUpdated
from shared.entrypoints import rpc
from shared.errors import ValidationError
from shared.pagination import page, page_window

EDITABLE = ("title", "problem", "proposal", "benefit", "tags", "area")


class SubmissionEntrypoints:
    @rpc
    def submit_idea(self, fields: dict) -> dict:
        """Also called by the reflections service with `source_reflection_id`: a retry with
        the same reflection returns the idea made the first time."""
        author = self.caller.require()
        clean = validation.validate_submission(fields)
        earlier = self._idea_from_reflection(clean["source_reflection_id"], author.user_id)
        if earlier is not None:
            return idea_dto(self.db.session, earlier)
        if clean["campaign_id"]:
            self._check_campaign_open(clean["campaign_id"])
        idea = self._new_idea(clean, author.user_id)
        try:
            self.db.commit()
        except IntegrityError:  # the same reflection, submitted concurrently
            self.db.session.rollback()
            return idea_dto(self.db.session, self._idea_from_reflection(
                clean["source_reflection_id"], author.user_id))
        return idea_dto(self.db.session, idea)

    def _new_idea(self, clean: dict, author_id: str) -> Idea:
        stamp = now()
        tags = clean.pop("tags")
        idea = Idea(id=str(uuid.uuid4()), **clean, status=domain.IdeaStatus.SUBMITTED,
                    author_id=author_id, vote_count=0, created_at=stamp, updated_at=stamp,
                    tags=[IdeaTag(tag=t, position=i) for i, t in enumerate(tags)])
        self.db.session.add(idea)
        self.db.session.add(StatusChange(idea_id=idea.id, from_status=None,
                                         to_status=idea.status, changed_by=author_id,
                                         changed_at=stamp))
        self.db.emit(IdeaSubmitted(
            idea_id=idea.id, title=idea.title, problem=idea.problem, proposal=idea.proposal,
            tags=tags, author_id=author_id, campaign_id=idea.campaign_id,
            created_at=stamp.isoformat(), benefit=idea.benefit, area=idea.area,
            source_reflection_id=idea.source_reflection_id,
        ))
        return idea

    def _idea_from_reflection(self, reflection_id: str | None, author_id: str) -> Idea | None:
        if reflection_id is None:
            return None
        idea = self.db.session.scalar(
            select(Idea).where(Idea.source_reflection_id == reflection_id))
        if idea is not None and idea.author_id != author_id:
            raise ValidationError("was turned into an idea by someone else",
                                  field="sourceReflectionId")
        return idea

    def _check_campaign_open(self, campaign_id: str) -> None:
        campaign = self.db.session.get(Campaign, campaign_id)
        facts = campaign and {"title": campaign.title, "starts_on": campaign.starts_on,
                              "ends_on": campaign.ends_on, "closed": bool(campaign.closed_at)}
        domain.check_campaign_takes_ideas(facts, now().date())

    @rpc
    def update_idea(self, idea_id: str, changes: dict) -> dict:
        """Only the author, only while SUBMITTED; keys left out or None keep their value."""
        editor = self.caller.require()
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        domain.check_edit(author_id=idea.author_id, editor_id=editor.user_id, status=idea.status)
        current = {key: getattr(idea, key) for key in EDITABLE if key != "tags"}
        current["tags"] = [t.tag for t in idea.tags]
        clean = validation.validate_update(current, {k: changes.get(k) for k in EDITABLE})
        self._apply_edit(idea, clean)
        self.db.emit(IdeaUpdated(
            idea_id=idea.id, title=idea.title, problem=idea.problem, proposal=idea.proposal,
            tags=clean["tags"], author_id=idea.author_id, benefit=idea.benefit, area=idea.area,
        ))
        self.db.commit()
        return idea_dto(self.db.session, idea)

    def _apply_edit(self, idea: Idea, clean: dict) -> None:
        for key in ("title", "problem", "proposal", "benefit", "area"):
            setattr(idea, key, clean[key])
        idea.tags.clear()
        self.db.session.flush()
        idea.tags.extend(IdeaTag(tag=t, position=i) for i, t in enumerate(clean["tags"]))
        idea.updated_at = now()

    @rpc
    def get_ideas(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = self.db.session.scalars(select(Idea).where(Idea.id.in_(ids))).all()
        found = {dto["id"]: dto for dto in idea_dtos(self.db.session, list(rows))}
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
