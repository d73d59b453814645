"""Opportunities: post, change, close, browse with filters, and batch reads by id (mixed
into CareerService). Only the owner or an admin changes one."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.career import applications, domain, events, store
from services.career.dto import opportunity_dto, opportunity_input
from services.career.models import Opportunity
from services.career.validation import validate_opportunity
from shared.clock import now
from shared.contracts.career import OpportunityClosed, OpportunityPosted, OpportunityUpdated
from shared.entrypoints import rpc
from shared.errors import Conflict
from shared.pagination import page, page_window


class OpportunityEntrypoints:
    @rpc
    def post_opportunity(self, fields: dict) -> dict:
        owner = self.caller.require()
        clean = validate_opportunity(fields, now().date())
        opportunity = store.add_opportunity(self.db.session, self.skills, owner.user_id, clean,
                                            now())
        self.db.emit(OpportunityPosted(**events.opportunity_fields(opportunity)))
        self.db.commit()
        return opportunity_dto(opportunity, 0)

    @rpc
    def update_opportunity(self, opportunity_id: str, fields: dict) -> dict:
        caller = self.caller.require()
        opportunity = store.find_opportunity(self.db.session, opportunity_id)
        domain.may_change_opportunity(opportunity.owner_id, caller.user_id, caller.has("admin"))
        with applications.releasing_on_error(self.db.session):
            if fields.get("capacity") is not None:  # no accept may slip in while it shrinks
                opportunity = applications.lock_opportunity(self.db.session, opportunity.id)
            taken = applications.accepted_count(self.db.session, opportunity.id)
            clean = validate_opportunity(fields, now().date(), opportunity_input(opportunity),
                                         taken)
        store.change_opportunity(self.db.session, self.skills, opportunity, clean, now())
        self.db.emit(OpportunityUpdated(**events.opportunity_fields(opportunity)))
        self.db.commit()
        return _dtos(self.db.session, [opportunity])[0]

    @rpc
    def close_opportunity(self, opportunity_id: str) -> dict:
        caller = self.caller.require()
        opportunity = store.find_opportunity(self.db.session, opportunity_id)
        domain.may_change_opportunity(opportunity.owner_id, caller.user_id, caller.has("admin"))
        if opportunity.status == domain.Status.CLOSED:
            raise Conflict("the opportunity is already CLOSED")
        opportunity.status = domain.Status.CLOSED
        opportunity.updated_at = now()
        self.db.emit(OpportunityClosed(opportunity_id=opportunity.id))
        self.db.commit()
        return _dtos(self.db.session, [opportunity])[0]

    @rpc
    def get_opportunities(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = store.opportunities_by_id(self.db.session, ids)
        found = {d["id"]: d for d in _dtos(self.db.session, rows)}
        return [found.get(i) for i in ids]

    @rpc
    def list_opportunities(self, filters: dict | None = None, first: int | None = None,
                           after: str | None = None) -> dict:
        """Newest first. filters: kind, status, team, owner_id, search (title and
        description), skill (a skill name: opportunities that ask for it)."""
        self.caller.require()
        filters = filters or {}
        offset, limit = page_window(first, after)
        skill = (filters.get("skill") or "").strip()
        skill_ids = self.skills.lookup(self.db.session, [skill]) if skill else None
        rows, total = store.fetch_page(
            self.db.session, store.opportunity_list(filters, skill_ids),
            (Opportunity.created_at.desc(), Opportunity.id), offset, limit)
        return page(_dtos(self.db.session, rows), offset, limit, total)


def _dtos(session: Session, rows: list[Opportunity]) -> list[dict]:
    counts = applications.accepted_counts(session, [o.id for o in rows])
    return [opportunity_dto(o, counts.get(o.id, 0)) for o in rows]
