"""Reminders, as events for the notifications service: a day before each one-on-one, and
on Thursdays to whoever checked in lately but not yet this week (mixed into GrowthService;
the timer runs every minute, each reminder goes out once)."""
from __future__ import annotations

from datetime import timedelta

from nameko.timer import timer

from services.growth import access, domain, store
from shared.clock import now
from shared.contracts.growth import CheckInReminderDue, OneOnOneReminderDue

INTERVAL = 60  # seconds
ACTIVE_WEEKS = 4  # who checked in within these weeks is reminded


class ReminderEntrypoints:
    @timer(interval=INTERVAL)
    def send_reminders(self) -> None:
        at = now()
        for series in store.all_series(self.db.session):
            access.next_meeting(self.db.session, series, at)
        for meeting in store.meetings_unreminded(self.db.session, at,
                                                  at + domain.REMINDER_LEAD):
            if domain.reminder_due(meeting.scheduled_at, False, at):
                meeting.reminded_at = at
                self.db.emit(OneOnOneReminderDue(
                    one_on_one_id=meeting.id, manager_id=meeting.manager_id,
                    report_id=meeting.report_id, scheduled_at=meeting.scheduled_at.isoformat()))
        if domain.check_in_reminder_due(at.date()):
            self._remind_to_check_in(at)
        self.db.commit()

    def _remind_to_check_in(self, at) -> None:
        week = domain.week_of(at.date())
        active = store.people_checked_in_since(self.db.session,
                                               week - timedelta(weeks=ACTIVE_WEEKS))
        done = store.checked_in(self.db.session, week) | store.reminded(self.db.session, week)
        for person_id in sorted(active - done):
            store.record_reminder(self.db.session, person_id, week, at)
            self.db.emit(CheckInReminderDue(person_id=person_id, week_of=week.isoformat()))
