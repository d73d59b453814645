"""Career service: people and profiles, the skills taxonomy, opportunities, applications,
mentoring and role voices. Entrypoints live in services/career/api, one mixin per area.

The mixins are reached through their modules on purpose: `nameko run` treats every class
with entrypoints in this module's namespace as a service to run."""
from __future__ import annotations

from services.career.api import applications, mentoring, opportunities, people, profiles, voices
from services.career.dependencies import Skills
from services.career.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.identity import Caller
from shared.metrics import ServiceMetrics


class CareerService(basics.ServiceBasics, people.PeopleApi, profiles.ProfileApi,
                    opportunities.OpportunityApi, applications.ApplicationApi,
                    mentoring.MentoringApi, voices.VoiceApi, voices.EvidenceHandlers):
    name = "career"

    db = Database("career", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    skills = Skills()


