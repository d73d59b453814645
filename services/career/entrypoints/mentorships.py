"""A mentorship's reads, its shared goals, and closing it with each side's rating (mixed
into CareerService). Only the pair changes it; a coordinator reads a summary; anyone else
is told it does not exist."""
from __future__ import annotations

from services.career import matching
from services.career import mentoring_store as programmes
from services.career import mentorship_rules as rules
from services.career import mentorship_store as work
from services.career.mentoring_dto import goal_dto
from services.career.mentorship_reads import checked, views
from services.career.programme_validation import validate_close, validate_goal
from shared.clock import now
from shared.contracts.career import MentorshipClosed
from shared.entrypoints import rpc
from shared.errors import PermissionDenied


class MentorshipEntrypoints:
    @rpc
    def my_mentorships(self) -> list[dict]:
        """The caller's as mentor or mentee, newest first (pending and declined too)."""
        caller = self.caller.require()
        return views(self.db.session, programmes.mentorships_of(self.db.session,
                                                                caller.user_id), caller, now())

    @rpc
    def get_mentorship(self, mentorship_id: str) -> dict:
        caller = self.caller.require()
        m = checked(self.db.session, mentorship_id, caller)
        return views(self.db.session, [m], caller, now())[0]

    @rpc
    def programme_mentorships(self, programme_id: str) -> list[dict]:
        """Every match of the programme as its coordinators may see them."""
        caller = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        if not matching.coordinates(programmes.coordinator_ids(programme), caller.user_id,
                                    caller.has("admin")):
            raise PermissionDenied("only the programme's coordinators see its mentorships")
        rows = programmes.programme_mentorships(self.db.session, programme.id)
        return views(self.db.session, rows, caller, now())

    @rpc
    def add_mentorship_goal(self, mentorship_id: str, fields: dict) -> dict:
        caller = self.caller.require()
        m = checked(self.db.session, mentorship_id, caller, pair_only=True)
        rules.require_active(m)
        clean = validate_goal(fields)
        goal = work.add_goal(self.db.session, m, clean, now())
        programmes.touch(m, now())
        self.db.commit()
        return goal_dto(goal, rules.Access.PAIR)

    @rpc
    def update_mentorship_goal(self, goal_id: str, fields: dict) -> dict:
        caller = self.caller.require()
        goal = programmes.find_goal(self.db.session, goal_id)
        m = checked(self.db.session, goal.mentorship_id, caller, pair_only=True)
        rules.require_active(m)
        current = {k: v for k, v in goal_dto(goal, rules.Access.PAIR).items()
                   if k in ("title", "target_date", "tasks", "notes", "progress")}
        work.fill_goal(goal, validate_goal(fields, current), now())
        programmes.touch(m, now())
        self.db.commit()
        return goal_dto(goal, rules.Access.PAIR)

    @rpc
    def close_mentorship(self, mentorship_id: str, rating: int, reflection: str = "",
                         to_journal: bool = False) -> dict:
        """The first side ends it; each side leaves its rating once. With `to_journal` the
        mentee's reflection also becomes a private reflection in their journal."""
        caller = self.caller.require()
        session = self.db.session
        m = checked(session, mentorship_id, caller, pair_only=True)
        side = rules.side(m, caller.user_id)
        rules.check_close(m.status, getattr(m, f"{side}_rating") is not None)
        score, text = validate_close(rating, reflection)
        setattr(m, f"{side}_rating", score)
        setattr(m, f"{side}_reflection", text)
        if m.status == matching.MatchStatus.ACTIVE:
            m.status, m.closed_at = matching.MatchStatus.CLOSED, now()
            self.db.emit(MentorshipClosed(mentorship_id=m.id, programme_id=m.programme_id,
                                          mentor_id=m.mentor_id, mentee_id=m.mentee_id,
                                          closed_by=caller.user_id))
        self._mentor_evidence(m.mentor_id)
        if to_journal and side == "mentee" and text:
            self.reflections_rpc.write_reflection({"body": text, "visibility": "PRIVATE",
                                                   "tags": ["mentoring"]})
        self.db.commit()
        return views(session, [m], caller, now())[0]

    def _mentor_evidence(self, mentor_id: str) -> None:
        """'Mentored N people in X' on the mentor's profile, from every closed mentorship."""
        closed = programmes.closed_of_mentor(self.db.session, mentor_id)
        areas = programmes.mentoring_areas(self.db.session, closed)
        mentees = len({m.mentee_id for m in closed})
        programmes.save_mentoring_evidence(self.db.session, mentor_id,
                                           rules.mentoring_evidence(mentees, areas), now())
