"""Reminders of sessions: a timer records `mentoring_session_due` once per session when it
is a day away (mentorship_rules.REMIND_AHEAD), for the notifications service to tell both
people (mixed into CareerService)."""
from __future__ import annotations

from nameko.timer import timer

from services.career import mentorship_rules as rules
from services.career import mentorship_store as work
from services.career.entrypoints.alerts import STUCK_CHECK_SECONDS
from shared.clock import now
from shared.contracts.career import MentoringSessionDue


class ReminderEntrypoints:
    @timer(interval=STUCK_CHECK_SECONDS)
    def remind_of_sessions(self) -> int:
        """How many sessions' pairs were reminded this time."""
        at = now()
        due = work.sessions_to_remind(self.db.session, at, at + rules.REMIND_AHEAD)
        for meeting, m in due:
            meeting.reminded_at = at
            self.db.emit(MentoringSessionDue(
                session_id=meeting.id, mentorship_id=m.id, mentor_id=m.mentor_id,
                mentee_id=m.mentee_id, at=meeting.at.isoformat(),
                duration_minutes=meeting.duration_minutes))
        self.db.commit()
        return len(due)
