"""The career service: people and profiles, the skills taxonomy, opportunities,
applications, mentoring, role voices and the evidence of improvement work.

The entrypoints are grouped by use in mixins; each one checks the caller, applies the rules,
commits (events go to the outbox in the same transaction) and returns plain data. The mixins
are reached through their modules: `nameko run` takes every class with entrypoints in this
module's namespace for a service."""
from __future__ import annotations

from services.career.dependencies import Skills
from services.career.entrypoints import (
    applications,
    evidence,
    gaps,
    mentoring,
    opportunities,
    people,
    profiles,
    sign_in,
    voices,
)
from services.career.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.identity import Caller
from shared.metrics import ServiceMetrics


class CareerService(basics.ServiceBasics, people.PeopleEntrypoints,
                    profiles.ProfileEntrypoints, opportunities.OpportunityEntrypoints,
                    applications.ApplicationEntrypoints, gaps.SkillGapEntrypoints,
                    mentoring.MentoringEntrypoints, voices.VoiceEntrypoints,
                    evidence.EvidenceEntrypoints, sign_in.SignInEntrypoints):
    name = "career"

    db = Database("career", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    skills = Skills()
