"""Matches within a programme: a mentee asks a mentor, the mentor (or the coordinator)
accepts or declines, or the coordinator sets a pair; never above the mentor's capacity,
even when accepts arrive at once (match_moves.py; mixed into CareerService)."""
from __future__ import annotations

from services.career import match_moves, matching
from services.career import mentoring_store as programmes
from services.career.domain import Decision
from services.career.matching import How, MatchStatus
from services.career.mentorship_reads import views
from services.career.validation import clean_decision
from shared.clock import now
from shared.contracts.career import MentoringMatchDecided, MentoringMatchRequested
from shared.entrypoints import rpc
from shared.errors import PermissionDenied


def decided(m, decision: str, by: str) -> MentoringMatchDecided:
    return MentoringMatchDecided(mentorship_id=m.id, programme_id=m.programme_id,
                                 mentor_id=m.mentor_id, mentee_id=m.mentee_id,
                                 decision=decision, decided_by=by)


class MatchEntrypoints:
    @rpc
    def request_match(self, programme_id: str, mentor_id: str) -> dict:
        mentee = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        match_moves.check_pair(self.db.session, programme.id, str(mentor_id), mentee.user_id)
        m = programmes.add_mentorship(self.db.session, programme.id, str(mentor_id),
                                      mentee.user_id, MatchStatus.PENDING, How.CHOSEN, now())
        self.db.emit(MentoringMatchRequested(mentorship_id=m.id, programme_id=programme.id,
                                             mentor_id=m.mentor_id, mentee_id=m.mentee_id))
        self.db.commit()
        return views(self.db.session, [m], mentee, now())[0]

    @rpc
    def decide_match(self, mentorship_id: str, decision: str) -> dict:
        caller = self.caller.require()
        decision = clean_decision(decision)
        m = match_moves.decide(self.db.session, mentorship_id, decision, caller.user_id,
                               caller.has("admin"))
        self.db.emit(decided(m, decision, caller.user_id))
        self.db.commit()
        return views(self.db.session, [m], caller, now())[0]

    @rpc
    def set_match(self, programme_id: str, mentor_id: str, mentee_id: str) -> dict:
        """The coordinator pairs a mentor and a mentee: ACTIVE at once."""
        caller = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        if not matching.coordinates(programmes.coordinator_ids(programme), caller.user_id,
                                    caller.has("admin")):
            raise PermissionDenied("only the programme's coordinators set matches")
        m = match_moves.pair(self.db.session, programme, str(mentor_id), str(mentee_id))
        self.db.emit(decided(m, Decision.ACCEPT, caller.user_id))
        self.db.commit()
        return views(self.db.session, [m], caller, now())[0]
