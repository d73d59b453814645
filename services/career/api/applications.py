"""Applications: interest expressed once per person, withdrawn, decided by the owner.
Owners (and admins) see every applicant of their opportunities; applicants only their own."""
from __future__ import annotations

from sqlalchemy import or_, select

from services.career import applications, domain
from services.career.api.common import today
from services.career.dto import application_dto
from services.career.models import Application, Opportunity
from shared.contracts.career import ApplicationDecided, ApplicationSubmitted
from shared.entrypoints import rpc
from shared.errors import ValidationError


class ApplicationApi:
    @rpc
    def express_interest(self, opportunity_id: str, note: str | None = None) -> dict:
        applicant = self.caller.require()
        clean = domain.validate_note(note)
        application = applications.express_interest(
            self.db.session, opportunity_id, applicant.user_id, clean, today())
        self.db.emit(ApplicationSubmitted(
            application_id=application.id, opportunity_id=application.opportunity_id,
            applicant_id=application.applicant_id))
        self.db.commit()
        return application_dto(application)

    @rpc
    def withdraw_interest(self, opportunity_id: str) -> dict:
        applicant = self.caller.require()
        application = applications.withdraw(self.db.session, opportunity_id, applicant.user_id)
        self.db.commit()
        return application_dto(application)

    @rpc
    def decide_application(self, application_id: str, decision: str,
                           message: str | None = None) -> dict:
        caller = self.caller.require()
        if decision not in domain.Decision.__members__:
            raise ValidationError(f"must be one of {', '.join(domain.Decision)}", "decision")
        clean = domain.validate_note(message, "message")
        application = applications.decide(self.db.session, application_id, decision, clean,
                                          caller.user_id, caller.has("admin"))
        self.db.emit(ApplicationDecided(
            application_id=application.id, opportunity_id=application.opportunity_id,
            applicant_id=application.applicant_id, decision=decision))
        self.db.commit()
        return application_dto(application)

    @rpc
    def my_applications(self) -> list[dict]:
        caller = self.caller.require()
        rows = self.db.session.scalars(
            select(Application).where(Application.applicant_id == caller.user_id)
            .order_by(Application.created_at.desc(), Application.id)).all()
        return [application_dto(a) for a in rows]

    @rpc
    def get_applications_for(self, opportunity_ids: list[str]) -> list[list[dict]]:
        """Per opportunity (in the order asked) the applications the caller may see: all of
        them for its owner or an admin, otherwise only the caller's own."""
        caller = self.caller.require()
        query = select(Application).join(Opportunity).where(
            Application.opportunity_id.in_(opportunity_ids))
        if not caller.has("admin"):
            query = query.where(or_(Opportunity.owner_id == caller.user_id,
                                    Application.applicant_id == caller.user_id))
        rows = self.db.session.scalars(
            query.order_by(Application.created_at, Application.id)).all()
        found: dict[str, list[dict]] = {i: [] for i in opportunity_ids}
        for row in rows:
            found[row.opportunity_id].append(application_dto(row))
        return [found[i] for i in opportunity_ids]
