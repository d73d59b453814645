"""A mentorship's sessions: planned by either person, a running agenda before they begin,
notes private to their author or shared with the pair, action items carried forward until
done, and a calendar file each (mixed into CareerService)."""
from __future__ import annotations

from services.career import mentoring_store as programmes
from services.career import mentorship_rules as rules
from services.career import mentorship_store as work
from services.career import store
from services.career.ics import session_calendar
from services.career.mentoring_dto import action_item_dto
from services.career.mentorship_reads import checked, views
from services.career.programme_validation import (
    NOTE_BODY_MAX,
    validate_session,
    validate_text,
    validate_visibility,
)
from shared.clock import now
from shared.contracts.career import SessionScheduled
from shared.entrypoints import rpc


def meeting_of(service, session_id: str, caller):
    """The session and its mentorship, which the caller must be one of the pair of."""
    meeting = programmes.find_session(service.db.session, session_id)
    return meeting, checked(service.db.session, meeting.mentorship_id, caller, pair_only=True)


def session_view(service, meeting, caller) -> dict:
    m = programmes.find_mentorship(service.db.session, meeting.mentorship_id)
    mentorship = views(service.db.session, [m], caller, now())[0]
    return next(s for s in mentorship["sessions"] if s["id"] == meeting.id)


class SessionEntrypoints:
    @rpc
    def schedule_session(self, mentorship_id: str, at: str, duration_minutes: int) -> dict:
        caller = self.caller.require()
        m = checked(self.db.session, mentorship_id, caller, pair_only=True)
        rules.require_active(m)
        starts, minutes = validate_session(at, duration_minutes)
        rules.check_session_time(m.matched_at, starts)
        meeting = work.add_session(self.db.session, m, starts, minutes, caller.user_id, now())
        programmes.touch(m, now())
        self.db.emit(SessionScheduled(
            session_id=meeting.id, mentorship_id=m.id, mentor_id=m.mentor_id,
            mentee_id=m.mentee_id, at=starts.isoformat(), duration_minutes=minutes,
            scheduled_by=caller.user_id))
        self.db.commit()
        return session_view(self, meeting, caller)

    @rpc
    def add_agenda_item(self, session_id: str, text: str) -> dict:
        caller = self.caller.require()
        meeting, m = meeting_of(self, session_id, caller)
        rules.check_agenda(meeting.at, now())
        work.add_agenda_item(self.db.session, meeting.id, caller.user_id,
                             validate_text(text, "text"), now())
        self.db.commit()
        return session_view(self, meeting, caller)

    @rpc
    def add_session_note(self, session_id: str, body: str, visibility: str) -> dict:
        caller = self.caller.require()
        meeting, m = meeting_of(self, session_id, caller)
        clean = validate_text(body, "body", NOTE_BODY_MAX)
        work.add_note(self.db.session, meeting.id, caller.user_id, clean,
                      validate_visibility(visibility), now())
        programmes.touch(m, now())
        self.db.commit()
        return session_view(self, meeting, caller)

    @rpc
    def add_action_item(self, session_id: str, text: str, owner_id: str) -> dict:
        caller = self.caller.require()
        meeting, m = meeting_of(self, session_id, caller)
        rules.check_owner(str(owner_id), m)
        item = work.add_action_item(self.db.session, meeting, str(owner_id),
                                    validate_text(text, "text"), now())
        self.db.commit()
        return action_item_dto(item)

    @rpc
    def complete_action_item(self, action_item_id: str) -> dict:
        caller = self.caller.require()
        item = programmes.find_action_item(self.db.session, action_item_id)
        checked(self.db.session, item.mentorship_id, caller, pair_only=True)
        rules.check_complete(item.done)
        item.done, item.completed_at = True, now()
        self.db.commit()
        return action_item_dto(item)

    @rpc
    def session_ics(self, session_id: str) -> str:
        """The session as a calendar file, for the pair."""
        caller = self.caller.require()
        meeting, m = meeting_of(self, session_id, caller)
        names = {p.id: p.name for p in store.people_by_id(self.db.session,
                                                          [m.mentor_id, m.mentee_id])}
        return session_calendar(
            meeting.id, meeting.at, meeting.duration_minutes,
            f"Mentoring: {names.get(m.mentor_id, 'mentor')} and "
            f"{names.get(m.mentee_id, 'mentee')}", "A Kaizen mentoring session.", now())
