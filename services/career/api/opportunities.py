"""Opportunities: post, change, close, browse with filters, and batch reads by id."""
from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select

from services.career import applications, domain
from services.career.api.common import get_or_404, today
from services.career.dto import opportunity_dto, opportunity_skills
from services.career.models import Application, Opportunity, OpportunitySkill
from shared.clock import now
from shared.contracts.career import OpportunityClosed, OpportunityPosted, OpportunityUpdated
from shared.entrypoints import rpc
from shared.errors import Conflict
from shared.pagination import page, page_window


def accepted_counts(session, ids: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(Application.opportunity_id, func.count())
        .where(Application.opportunity_id.in_(ids),
               Application.status == domain.ApplicationStatus.ACCEPTED)
        .group_by(Application.opportunity_id)).all()
    return dict(rows)


def dtos(session, rows: list[Opportunity]) -> list[dict]:
    counts = accepted_counts(session, [o.id for o in rows])
    return [opportunity_dto(o, counts.get(o.id, 0)) for o in rows]


def filtered(filters: dict, skill_ids: list[str] | None):
    query = select(Opportunity)
    for field in ("kind", "status", "owner_id"):
        if filters.get(field):
            query = query.where(getattr(Opportunity, field) == str(filters[field]))
    if filters.get("team"):
        query = query.where(func.lower(Opportunity.team) == filters["team"].strip().casefold())
    if (filters.get("search") or "").strip():
        like = f"%{filters['search'].strip().casefold()}%"
        query = query.where(or_(func.lower(Opportunity.title).like(like),
                                func.lower(Opportunity.description).like(like)))
    if skill_ids is not None:
        query = query.where(Opportunity.id.in_(
            select(OpportunitySkill.opportunity_id).where(OpportunitySkill.skill_id.in_(skill_ids))))
    return query


class OpportunityApi:
    @rpc
    def post_opportunity(self, fields: dict) -> dict:
        owner = self.caller.require()
        clean = domain.validate_opportunity(fields, today())
        stamp = now()
        opportunity = Opportunity(id=str(uuid.uuid4()), owner_id=owner.user_id,
                                  status=domain.Status.OPEN, created_at=stamp, updated_at=stamp,
                                  lock_version=0)
        self._fill(opportunity, clean)
        self.db.session.add(opportunity)
        self.db.session.flush()
        self.db.emit(OpportunityPosted(**self._event(opportunity)))
        self.db.commit()
        return opportunity_dto(opportunity, 0)

    @rpc
    def update_opportunity(self, opportunity_id: str, fields: dict) -> dict:
        caller = self.caller.require()
        opportunity = get_or_404(self.db.session, Opportunity, opportunity_id, "opportunity")
        domain.may_change_opportunity(opportunity.owner_id, caller.user_id, caller.has("admin"))
        with applications.releasing_on_error(self.db.session):
            if fields.get("capacity") is not None:  # no accept may slip in while it shrinks
                opportunity = applications.lock_opportunity(self.db.session, opportunity.id)
            taken = applications.accepted_count(self.db.session, opportunity.id)
            clean = domain.validate_opportunity(fields, today(), self._fields(opportunity),
                                                taken)
        self._fill(opportunity, clean)
        opportunity.updated_at = now()
        self.db.session.flush()
        self.db.emit(OpportunityUpdated(**self._event(opportunity)))
        self.db.commit()
        return dtos(self.db.session, [opportunity])[0]

    @rpc
    def close_opportunity(self, opportunity_id: str) -> dict:
        caller = self.caller.require()
        opportunity = get_or_404(self.db.session, Opportunity, opportunity_id, "opportunity")
        domain.may_change_opportunity(opportunity.owner_id, caller.user_id, caller.has("admin"))
        if opportunity.status == domain.Status.CLOSED:
            raise Conflict("the opportunity is already CLOSED")
        opportunity.status = domain.Status.CLOSED
        opportunity.updated_at = now()
        self.db.emit(OpportunityClosed(opportunity_id=opportunity.id))
        self.db.commit()
        return dtos(self.db.session, [opportunity])[0]

    @rpc
    def get_opportunities(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = self.db.session.scalars(select(Opportunity).where(Opportunity.id.in_(ids))).all()
        found = {d["id"]: d for d in dtos(self.db.session, list(rows))}
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
        query = filtered(filters, skill_ids)
        total = self.db.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = self.db.session.scalars(query.order_by(
            Opportunity.created_at.desc(), Opportunity.id).offset(offset).limit(limit + 1)).all()
        return page(dtos(self.db.session, list(rows)), offset, limit, total)

    def _fill(self, opportunity: Opportunity, clean: dict) -> None:
        for field in domain.OPPORTUNITY_FIELDS:
            if field != "skills":
                setattr(opportunity, field, clean[field])
        opportunity.role_key = domain.key_of(clean["title"])
        rows = self.skills.resolve(self.db.session, [s["name"] for s in clean["skills"]])
        by_id = {row.id: row for row in rows}
        wanted = domain.dedupe_skills([{**s, "skill_id": row.id}
                                       for row, s in zip(rows, clean["skills"], strict=True)])
        opportunity.skills = [
            OpportunitySkill(skill_id=s["skill_id"], skill=by_id[s["skill_id"]],
                             level=s["level"], required=s["required"], position=i)
            for i, s in enumerate(wanted)]

    @staticmethod
    def _fields(opportunity: Opportunity) -> dict:
        fields = {f: getattr(opportunity, f) for f in domain.OPPORTUNITY_FIELDS}
        fields["skills"] = [{"name": s.skill.name, "level": s.level, "required": s.required}
                            for s in opportunity.skills]
        return fields

    @staticmethod
    def _event(opportunity: Opportunity) -> dict:
        skills = [{"name": s["skill"]["name"], "skill_id": s["skill"]["id"],
                   "level": s["level"], "required": s["required"]}
                  for s in opportunity_skills(opportunity)]
        return {"opportunity_id": opportunity.id, "kind": opportunity.kind,
                "title": opportunity.title, "description": opportunity.description,
                "team": opportunity.team, "owner_id": opportunity.owner_id, "skills": skills,
                "status": opportunity.status}
