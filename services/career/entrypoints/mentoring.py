"""Mentors: who offers mentoring in which skills, requests and the mentor's answer (mixed
into CareerService)."""
from __future__ import annotations

from services.career import domain, store
from services.career import mentoring_store as programmes
from services.career.dto import mentor_dto, mentoring_dto
from services.career.matching import How, MatchStatus
from services.career.validation import (
    clean_decision,
    clean_mentor_search,
    clean_skill_names,
    validate_note,
)
from shared.clock import now
from shared.contracts.career import MentoringRequested
from shared.entrypoints import rpc

MENTORS_MAX = 50


class MentoringEntrypoints:
    @rpc
    def find_mentors(self, skills: list[str], first: int | None = None) -> list[dict]:
        """People offering mentoring in any of `skills`, best coverage first, never the
        caller: [{person, skills (those in common), coverage}]."""
        caller = self.caller.require()
        first = clean_mentor_search(skills, first, MENTORS_MAX)
        wanted = self.skills.lookup(self.db.session, [str(s) for s in skills])
        offers = store.mentoring_offers(self.db.session, wanted)
        people = {person.id: person for person, _ in offers}
        ranked = domain.rank_mentors(
            wanted, [domain.MentorOffer(p.id, p.name, tuple(ids)) for p, ids in offers],
            caller.user_id)[:first]
        names = store.skills_by_id(self.db.session, wanted)
        return [mentor_dto(people[m.person_id], [names[s] for s in m.skill_ids], m.coverage)
                for m in ranked]

    @rpc
    def request_mentoring(self, mentor_id: str, skills: list[str],
                          message: str | None = None) -> dict:
        mentee = self.caller.require()
        mentor = store.find_person(self.db.session, mentor_id)
        names = clean_skill_names(skills)
        clean = validate_note(message, "message")
        pending = store.has_pending_request(self.db.session, mentor.id, mentee.user_id)
        domain.check_mentoring_request(mentor.id, mentee.user_id,
                                       bool(mentor.mentoring) and mentor.active, pending)
        request = store.add_mentoring_request(self.db.session, mentor.id, mentee.user_id,
                                              names, clean, now())
        self.db.emit(MentoringRequested(request_id=request.id, mentor_id=mentor.id,
                                        mentee_id=mentee.user_id, skills=names))
        self.db.commit()
        return mentoring_dto(request)

    @rpc
    def respond_to_mentoring_request(self, request_id: str, decision: str,
                                     message: str | None = None) -> dict:
        mentor = self.caller.require()
        decision = clean_decision(decision)
        request = store.find_mentoring_request(self.db.session, request_id)
        domain.check_mentoring_response(request.mentor_id, mentor.user_id, request.status)
        request.status = domain.mentoring_answer(decision)
        request.response = validate_note(message, "message")
        request.responded_at = now()
        if request.status == domain.ApplicationStatus.ACCEPTED:  # a match outside programmes
            programmes.add_mentorship(self.db.session, None, request.mentor_id,
                                      request.mentee_id, MatchStatus.ACTIVE, How.REQUEST, now())
        self.db.commit()
        return mentoring_dto(request)

    @rpc
    def my_mentoring_requests(self) -> list[dict]:
        """Requests the caller sent or received, newest first."""
        caller = self.caller.require()
        return [mentoring_dto(r) for r in store.mentoring_requests_of(self.db.session,
                                                                       caller.user_id)]
