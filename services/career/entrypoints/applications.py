"""Applications: interest expressed once per person, withdrawn, decided by the owner (mixed
into CareerService). Owners (and admins) see every applicant of their opportunities;
applicants only their own."""
from __future__ import annotations

from services.career import applications
from services.career.dto import application_dto
from services.career.validation import clean_decision, validate_note
from shared.clock import now
from shared.contracts.career import ApplicationDecided, ApplicationSubmitted
from shared.entrypoints import rpc


class ApplicationEntrypoints:
    @rpc
    def express_interest(self, opportunity_id: str, note: str | None = None) -> dict:
        applicant = self.caller.require()
        clean = validate_note(note)
        application = applications.express_interest(
            self.db.session, opportunity_id, applicant.user_id, clean, now().date())
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
        decision = clean_decision(decision)
        clean = validate_note(message, "message")
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
        rows = applications.applications_of(self.db.session, caller.user_id)
        return [application_dto(a) for a in rows]

    @rpc
    def get_applications_for(self, opportunity_ids: list[str]) -> list[list[dict]]:
        """Per opportunity (in the order asked) the applications the caller may see: all of
        them for its owner or an admin, otherwise only the caller's own."""
        caller = self.caller.require()
        rows = applications.applications_for(self.db.session, opportunity_ids, caller.user_id,
                                             caller.has("admin"))
        found: dict[str, list[dict]] = {i: [] for i in opportunity_ids}
        for row in rows:
            found[row.opportunity_id].append(application_dto(row))
        return [found[i] for i in opportunity_ids]
