"""Events published by the career service."""
from __future__ import annotations

from shared.contracts.base import Contract


class PersonUpserted(Contract):
    event_type = "person_upserted"

    person_id: str
    name: str
    team: str | None
    roles: list[str]
    email: str | None = None  # where notifications send mail; None from older publishers


class ProfileUpdated(Contract):
    event_type = "profile_updated"

    person_id: str
    headline: str
    skills: list[dict]  # [{"name": str, "skill_id": str | None, "level": int}]
    interests: list[str]
    aspirations: str
    mentoring_skills: list[str]
    available_hours_per_week: int | None = None


class OpportunityPosted(Contract):
    event_type = "opportunity_posted"

    opportunity_id: str
    kind: str  # ROLE | PROJECT | GIG | MENTORSHIP
    title: str
    description: str
    team: str | None
    owner_id: str
    skills: list[dict]  # [{"name", "skill_id", "level", "required"}]
    status: str


class OpportunityUpdated(OpportunityPosted):
    event_type = "opportunity_updated"


class OpportunityClosed(Contract):
    event_type = "opportunity_closed"

    opportunity_id: str


class ApplicationSubmitted(Contract):
    event_type = "application_submitted"

    application_id: str
    opportunity_id: str
    applicant_id: str


class ApplicationDecided(Contract):
    event_type = "application_decided"

    application_id: str
    opportunity_id: str
    applicant_id: str
    decision: str  # ACCEPT | DECLINE


class MentoringRequested(Contract):
    event_type = "mentoring_requested"

    request_id: str
    mentor_id: str
    mentee_id: str
    skills: list[str]
