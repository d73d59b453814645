"""The career service: people, sign-in, tokens, profiles, skills, mentoring, evidence."""
from __future__ import annotations

from services.career.dependencies import Skills
from services.career.entrypoints import (
    applications,
    evidence,
    gaps,
    mentoring,
    mentoring_programmes,
    opportunities,
    people,
    profiles,
    provisioning,
    sign_in,
    tokens,
    voices,
)
from services.career.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.rpc import RpcProxy
from shared.verify import Caller


class CareerService(basics.ServiceBasics, people.PeopleEntrypoints, profiles.ProfileEntrypoints,
                    opportunities.OpportunityEntrypoints, applications.ApplicationEntrypoints,
                    gaps.SkillGapEntrypoints, mentoring.MentoringEntrypoints,
                    voices.VoiceEntrypoints, evidence.EvidenceEntrypoints, tokens.TokenEntrypoints,
                    mentoring_programmes.MentoringProgrammeEntrypoints,
                    sign_in.SignInEntrypoints, provisioning.ProvisioningEntrypoints):
    name = "career"
    db = Database("career", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    skills = Skills()
    insights_rpc = RpcProxy("insights")  # the model's similarity, to suggest mentors
    reflections_rpc = RpcProxy("reflections")  # a closing reflection kept in the journal
