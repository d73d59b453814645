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


class PersonDeactivated(Contract):
    """An admin (or the SCIM client) deactivated a person: they cannot sign in, drop out of
    matching, recommendations, mentor lists and the directory; their open applications and
    pending mentoring requests were withdrawn with it. Their own data stays theirs."""

    event_type = "person_deactivated"

    person_id: str
    withdrawn_application_ids: list[str] = []


class PersonReactivated(Contract):
    """Signs in and is listed again (a profile_updated follows, for the read models)."""

    event_type = "person_reactivated"

    person_id: str


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


# --- mentoring programmes (alerts the notifications service delivers) ------------------

class MentoringMatchRequested(Contract):
    """A mentee asked a mentor within a programme: the mentor is to be told."""

    event_type = "mentoring_match_requested"

    mentorship_id: str
    programme_id: str | None
    mentor_id: str
    mentee_id: str


class MentoringMatchDecided(Contract):
    """The mentor (or the coordinator) answered; ACCEPT starts the mentorship. A match set
    by the coordinator is announced as an ACCEPT at once."""

    event_type = "mentoring_match_decided"

    mentorship_id: str
    programme_id: str | None
    mentor_id: str
    mentee_id: str
    decision: str  # ACCEPT | DECLINE
    decided_by: str


class SessionScheduled(Contract):
    """A session was planned: both people are to be told (with its calendar file)."""

    event_type = "session_scheduled"

    session_id: str
    mentorship_id: str
    mentor_id: str
    mentee_id: str
    at: str  # ISO 8601, UTC
    duration_minutes: int
    scheduled_by: str


class MentoringSessionDue(Contract):
    """A session begins within a day: both people are reminded, once."""

    event_type = "mentoring_session_due"

    session_id: str
    mentorship_id: str
    mentor_id: str
    mentee_id: str
    at: str  # ISO 8601, UTC
    duration_minutes: int


class MentorshipStuck(Contract):
    """No session, note or goal update for 21 days: the coordinators are to be told. Once
    per quiet spell (again only after new activity and another 21 quiet days)."""

    event_type = "mentorship_stuck"

    mentorship_id: str
    programme_id: str | None
    mentor_id: str
    mentee_id: str
    coordinator_ids: list[str]
    last_activity_at: str  # ISO 8601, UTC


class MentorshipClosed(Contract):
    """The first side closed it (ratings and reflections stay in career)."""

    event_type = "mentorship_closed"

    mentorship_id: str
    programme_id: str | None
    mentor_id: str
    mentee_id: str
    closed_by: str
