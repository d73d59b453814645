"""Mentoring programmes, one use made of eight: running and joining a programme, matching,
a mentorship's goals and closing, its sessions, the report, the stuck alerts, the session
reminders and the demo seed's back-dating."""
from __future__ import annotations

from services.career.entrypoints import (
    alerts,
    matches,
    mentoring_seed,
    mentorships,
    programmes,
    reminders,
    reports,
    sessions,
)


class MentoringProgrammeEntrypoints(programmes.ProgrammeEntrypoints, matches.MatchEntrypoints,
                                    mentorships.MentorshipEntrypoints,
                                    sessions.SessionEntrypoints, reports.ReportEntrypoints,
                                    alerts.AlertEntrypoints, reminders.ReminderEntrypoints,
                                    mentoring_seed.MentoringSeedEntrypoints):
    """Composed only; each part is a mixin of its own module."""
