"""The stuck rule as an alert: a timer looks for ACTIVE mentorships quiet for 21 days and
records `mentorship_stuck` in the outbox once per quiet spell, for the notifications
service to deliver to the programme's coordinators (mixed into CareerService)."""
from __future__ import annotations

import os

from nameko.timer import timer

from services.career import mentoring_store as programmes
from services.career import mentorship_rules as rules
from services.career.mentoring_dto import activity
from services.career.mentorship_reads import works_of
from shared.clock import now
from shared.contracts.career import MentorshipStuck

STUCK_CHECK_SECONDS = float(os.environ.get("KAIZEN_STUCK_CHECK_SECONDS", "60"))


class AlertEntrypoints:
    @timer(interval=STUCK_CHECK_SECONDS)
    def flag_stuck_mentorships(self) -> int:
        """How many were flagged this time."""
        at, flagged = now(), 0
        active = programmes.active_mentorships(self.db.session)
        works = works_of(self.db.session, active)
        for m in active:
            programme = programmes.programme_of(self.db.session, m)
            act = activity(m, works[m.id], programme)
            quiet_since = rules.last_active(act, at)
            if not rules.is_stuck(m.status, act, at) or (
                    m.stuck_alerted_at is not None and m.stuck_alerted_at >= quiet_since):
                continue
            m.stuck_alerted_at, flagged = at, flagged + 1
            self.db.emit(MentorshipStuck(
                mentorship_id=m.id, programme_id=m.programme_id, mentor_id=m.mentor_id,
                mentee_id=m.mentee_id, coordinator_ids=programmes.coordinator_ids(programme),
                last_activity_at=quiet_since.isoformat()))
        self.db.commit()
        return flagged
