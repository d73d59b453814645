"""Back-dating for the demo seed, so it can show a pair that went quiet weeks ago (mixed
into CareerService). Only the SYSTEM identity may."""
from __future__ import annotations

from datetime import timedelta

from services.career import mentoring_store as programmes
from services.career import mentorship_store as work
from services.career.mentorship_reads import views
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import PermissionDenied
from shared.identity import SYSTEM


class MentoringSeedEntrypoints:
    @rpc
    def backdate_mentorship(self, mentorship_id: str, days: int) -> dict:
        caller = self.caller.require()
        if caller.user_id != SYSTEM.user_id:
            raise PermissionDenied("only the demo seed back-dates mentorships")
        m = programmes.find_mentorship(self.db.session, mentorship_id)
        work.backdate(self.db.session, m, timedelta(days=int(days)))
        self.db.commit()
        return views(self.db.session, [m], caller, now())[0]
