"""Mentors: who offers mentoring in which skills, requests and the mentor's answer; and the
skill gap between a person and an opportunity."""
from __future__ import annotations

import json
import uuid

from sqlalchemy import select

from services.career import domain
from services.career.api.common import get_or_404
from services.career.dto import mentoring_dto, person_dto, skill_dto
from services.career.models import MentoringRequest, MentoringSkill, Opportunity, Person, Skill
from shared.clock import now
from shared.contracts.career import MentoringRequested
from shared.entrypoints import rpc
from shared.errors import FieldErrors, NotFound, PermissionDenied, ValidationError

MENTORS_MAX = 50
GAPS_MAX = 100


class MentoringApi:
    @rpc
    def skill_gap(self, opportunity_id: str, employee_id: str | None = None) -> dict:
        """The caller's gap, or (managers and admins only) another employee's."""
        gap = self._gaps([opportunity_id], employee_id)[0]
        if gap is None:
            raise NotFound(f"no opportunity with id {opportunity_id}")
        return gap

    @rpc
    def skill_gaps(self, opportunity_ids: list[str]) -> list[dict | None]:
        """The caller's gap for each opportunity, in the order asked; None where there is no
        such opportunity (any more). One call for a page of recommendations."""
        if not isinstance(opportunity_ids, list) or len(opportunity_ids) > GAPS_MAX:
            raise ValidationError(f"must be a list of at most {GAPS_MAX} ids", "opportunityIds")
        return self._gaps(opportunity_ids, None)

    def _gaps(self, opportunity_ids: list[str], employee_id: str | None) -> list[dict | None]:
        caller = self.caller.require()
        employee_id = employee_id or caller.user_id
        if employee_id != caller.user_id and not caller.has("manager"):
            raise PermissionDenied("only managers see the skill gap of someone else")
        person = get_or_404(self.db.session, Person, employee_id, "person")
        have = {s.skill_id: s.level for s in person.skills}
        found = {o.id: o for o in self.db.session.scalars(select(Opportunity).where(
            Opportunity.id.in_({str(i) for i in opportunity_ids})))}
        gaps: list[dict | None] = []
        for opportunity_id in opportunity_ids:
            opportunity = found.get(str(opportunity_id))
            if opportunity is None:
                gaps.append(None)
                continue
            wanted = [{"skill_id": s.skill_id, "name": s.skill.name, "level": s.level,
                       "required": s.required} for s in opportunity.skills]
            gaps.append({"opportunity_id": opportunity.id, "employee_id": person.id,
                         **domain.skill_gap(wanted, have)})
        return gaps

    @rpc
    def find_mentors(self, skills: list[str], first: int | None = None) -> list[dict]:
        """People offering mentoring in any of `skills`, best coverage first, never the
        caller: [{person, skills (those in common), coverage}]."""
        caller = self.caller.require()
        first = 10 if first is None else first
        errors = FieldErrors()
        errors.check(bool([s for s in skills or [] if str(s).strip()]), "skills",
                     "name at least one skill")
        errors.check(1 <= first <= MENTORS_MAX, "first", f"must be between 1 and {MENTORS_MAX}")
        errors.raise_if_any()
        wanted = self.skills.lookup(self.db.session, [str(s) for s in skills])
        offers: dict[str, dict] = {}
        rows = self.db.session.execute(
            select(MentoringSkill, Person).join(Person)
            .where(MentoringSkill.skill_id.in_(wanted))
            .order_by(MentoringSkill.position)).all()
        for offer, person in rows:
            entry = offers.setdefault(person.id, {"person_id": person.id, "name": person.name,
                                                  "skill_ids": [], "person": person})
            entry["skill_ids"].append(offer.skill_id)
        ranked = domain.rank_mentors(wanted, list(offers.values()), caller.user_id)[:first]
        names = {s.id: s for s in self.db.session.scalars(
            select(Skill).where(Skill.id.in_(wanted))).all()}
        return [{"person": person_dto(offers[m["person_id"]]["person"]),
                 "skills": [skill_dto(names[s]) for s in m["skill_ids"]],
                 "coverage": m["coverage"]} for m in ranked]

    @rpc
    def request_mentoring(self, mentor_id: str, skills: list[str],
                          message: str | None = None) -> dict:
        mentee = self.caller.require()
        mentor = get_or_404(self.db.session, Person, mentor_id, "person")
        names = [" ".join(str(s).split()) for s in skills or [] if str(s).strip()]
        if not names:
            raise ValidationError("name at least one skill", "skills")
        clean = domain.validate_note(message, "message")
        pending = self.db.session.scalar(select(MentoringRequest.id).where(
            MentoringRequest.mentor_id == mentor.id, MentoringRequest.mentee_id == mentee.user_id,
            MentoringRequest.status == domain.ApplicationStatus.PENDING))
        domain.check_mentoring_request(mentor.id, mentee.user_id, bool(mentor.mentoring),
                                       pending is not None)
        request = MentoringRequest(
            id=str(uuid.uuid4()), mentor_id=mentor.id, mentee_id=mentee.user_id,
            skills=json.dumps(names[:20]), message=clean, response="",
            status=domain.ApplicationStatus.PENDING, created_at=now())
        self.db.session.add(request)
        self.db.emit(MentoringRequested(request_id=request.id, mentor_id=mentor.id,
                                        mentee_id=mentee.user_id, skills=names[:20]))
        self.db.commit()
        return mentoring_dto(request)

    @rpc
    def respond_to_mentoring_request(self, request_id: str, decision: str,
                                     message: str | None = None) -> dict:
        mentor = self.caller.require()
        if decision not in domain.Decision.__members__:
            raise ValidationError(f"must be one of {', '.join(domain.Decision)}", "decision")
        request = get_or_404(self.db.session, MentoringRequest, request_id, "mentoring request")
        domain.check_mentoring_response(request.mentor_id, mentor.user_id, request.status)
        request.status = (domain.ApplicationStatus.ACCEPTED if decision == domain.Decision.ACCEPT
                          else domain.ApplicationStatus.DECLINED)
        request.response = domain.validate_note(message, "message")
        request.responded_at = now()
        self.db.commit()
        return mentoring_dto(request)

    @rpc
    def my_mentoring_requests(self) -> list[dict]:
        """Requests the caller sent or received, newest first."""
        caller = self.caller.require()
        rows = self.db.session.scalars(select(MentoringRequest).where(
            (MentoringRequest.mentor_id == caller.user_id)
            | (MentoringRequest.mentee_id == caller.user_id))
            .order_by(MentoringRequest.created_at.desc(), MentoringRequest.id)).all()
        return [mentoring_dto(r) for r in rows]
