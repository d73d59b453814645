"""Mentoring programmes, one use made of seven: running and joining a programme, matching,
a mentorship's goals and closing, its sessions, the report, the stuck alerts and the demo
seed's back-dating."""
from __future__ import annotations

from services.career.entrypoints import (
    alerts,
    matches,
    mentoring_seed,
    mentorships,
    programmes,
    reports,
    sessions,
)


class MentoringProgrammeEntrypoints(programmes.ProgrammeEntrypoints, matches.MatchEntrypoints,
                                    mentorships.MentorshipEntrypoints,
                                    sessions.SessionEntrypoints, reports.ReportEntrypoints,
                                    alerts.AlertEntrypoints,
                                    mentoring_seed.MentoringSeedEntrypoints):
    """Composed only; each part is a mixin of its own module."""
