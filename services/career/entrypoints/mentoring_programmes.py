"""Mentoring programmes, one use made of six: running and joining a programme, matching,
a mentorship's goals and closing, its sessions, the report and the stuck alerts."""
from __future__ import annotations

from services.career.entrypoints import alerts, matches, mentorships, programmes, reports, sessions


class MentoringProgrammeEntrypoints(programmes.ProgrammeEntrypoints, matches.MatchEntrypoints,
                                    mentorships.MentorshipEntrypoints,
                                    sessions.SessionEntrypoints, reports.ReportEntrypoints,
                                    alerts.AlertEntrypoints):
    """Composed only; each part is a mixin of its own module."""
