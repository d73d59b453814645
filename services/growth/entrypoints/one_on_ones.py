"""One-on-ones: a manager schedules a recurring series with a report; both read it, add to
its running agenda and write notes (mixed into GrowthService)."""
from __future__ import annotations

from services.growth import access, domain, store, validation
from services.growth.dto import meeting_dto, note_dto, point_dto
from services.growth.people import Directory
from shared.clock import now
from shared.contracts.growth import OneOnOneScheduled
from shared.entrypoints import rpc
from shared.errors import Conflict, NotFound


class OneOnOneEntrypoints:
    @rpc
    def schedule_one_on_ones(self, report_id: str, every: str, starts_at: str) -> dict:
        """The report's manager (or an admin, for that manager) sets the rhythm: WEEKLY,
        BIWEEKLY or MONTHLY (every four weeks) from `starts_at`. Scheduling again changes
        the rhythm; upcoming meetings nobody prepared yet go. Answers the next meeting."""
        viewer = self.caller.require()
        report = Directory(self.career_rpc).require(str(report_id), "reportId")
        domain.check_may_schedule(viewer, report.get("manager_id"))
        if not report.get("manager_id"):
            raise Conflict("this person has no manager to meet")
        every_days, starts = validation.validate_schedule(every, starts_at)
        earlier = store.series_of_pair(self.db.session, report["manager_id"], report["id"])
        if earlier is not None:
            store.drop_empty_meetings_after(self.db.session, earlier, now())
        series = store.save_series(self.db.session, report["manager_id"], report["id"],
                                   every_days, starts, now())
        meeting = access.next_meeting(self.db.session, series, now())
        self.db.emit(OneOnOneScheduled(
            series_id=series.id, manager_id=series.manager_id, report_id=series.report_id,
            every_days=every_days, starts_at=starts.isoformat(), one_on_one_id=meeting.id))
        self.db.commit()
        return access.one_on_one_answer(self.db.session, viewer, meeting)

    @rpc
    def list_one_on_ones(self) -> list[dict]:
        """The caller's meetings, as manager or report, latest first; each series' next
        meeting is always among them."""
        viewer = self.caller.require()
        every = {}
        for series in store.series_of(self.db.session, viewer.user_id):
            access.next_meeting(self.db.session, series, now())
            every[series.id] = series.every_days
        self.db.commit()
        return [meeting_dto(m, every[m.series_id])
                for m in store.meetings_of(self.db.session, viewer.user_id)]

    @rpc
    def get_one_on_one(self, one_on_one_id: str) -> dict:
        viewer = self.caller.require()
        meeting = access.participant_meeting(self.db.session, viewer, one_on_one_id)
        return access.one_on_one_answer(self.db.session, viewer, meeting)

    @rpc
    def get_one_on_ones(self, ids: list[str]) -> list[dict | None]:
        """Batch read of meetings with agenda, notes and action items; None where unknown
        or not the caller's."""
        viewer = self.caller.require()
        found = []
        for meeting_id in ids:
            try:
                meeting = access.participant_meeting(self.db.session, viewer, meeting_id)
            except NotFound:
                found.append(None)
                continue
            found.append(access.one_on_one_answer(self.db.session, viewer, meeting))
        return found

    @rpc
    def add_talking_point(self, one_on_one_id: str, text: str) -> dict:
        """Either side adds to the agenda; answers the point."""
        viewer = self.caller.require()
        meeting = access.participant_meeting(self.db.session, viewer, one_on_one_id)
        point = store.add_point(self.db.session, meeting, viewer.user_id,
                                validation.validate_point(text), now())
        self.db.commit()
        return point_dto(point)

    @rpc
    def add_one_on_one_note(self, one_on_one_id: str, body: str,
                            visibility: str = "PRIVATE") -> dict:
        """PRIVATE: read by its author alone; SHARED: by both people who meet."""
        viewer = self.caller.require()
        meeting = access.participant_meeting(self.db.session, viewer, one_on_one_id)
        text, chosen = validation.validate_note(body, visibility)
        note = store.add_note(self.db.session, meeting, viewer.user_id, text, chosen, now())
        self.db.commit()
        return note_dto(note)
