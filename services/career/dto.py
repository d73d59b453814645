"""Rows to plain JSON-safe dicts, as the RPC methods return them."""
from __future__ import annotations

import json

from services.career.models import (
    AccessToken,
    Application,
    Evidence,
    MentoringRequest,
    Opportunity,
    Person,
    RoleVoice,
    Skill,
)
from services.career.validation import OPPORTUNITY_FIELDS


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def person_dto(person: Person, shows_active: bool = True) -> dict:
    """`shows_active`: with whether the person is active (domain.sees_deactivated), else
    `active` is None."""
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "title": person.title,
        "team": person.team,
        "manager_id": person.manager_id,
        "location": person.location,
        "roles": person.roles.split(),
        "active": person.active if shows_active else None,
    }


def skill_dto(skill: Skill) -> dict:
    return {"id": skill.id, "name": skill.name, "custom": skill.custom}


PRIVATE_PROFILE = {"interests": [], "aspirations": "", "available_hours_per_week": None}


def profile_dto(person: Person, evidence: list[Evidence], private: bool = True) -> dict:
    """`private`: with the fields only the person, their manager and admins read
    (domain.sees_private_profile); otherwise those are empty."""
    dto = {
        "person_id": person.id,
        "headline": person.headline,
        "skills": [{"skill": skill_dto(s.skill), "level": s.level} for s in person.skills],
        "interests": json.loads(person.interests or "[]"),
        "aspirations": person.aspirations,
        "mentoring_skills": [skill_dto(m.skill) for m in person.mentoring],
        "available_hours_per_week": person.available_hours,
        "evidence": [evidence_dto(e) for e in evidence],
        "updated_at": _iso(person.profile_updated_at),
    }
    return dto if private else dto | PRIVATE_PROFILE


def evidence_dto(evidence: Evidence) -> dict:
    return {"id": evidence.id, "source": evidence.source, "source_id": evidence.source_id,
            "title": evidence.title, "text": evidence.text,
            "occurred_at": _iso(evidence.occurred_at)}


def opportunity_skills(opportunity: Opportunity) -> list[dict]:
    return [{"skill": skill_dto(s.skill), "level": s.level, "required": s.required}
            for s in opportunity.skills]


def opportunity_dto(opportunity: Opportunity, accepted: int) -> dict:
    o = opportunity
    return {
        "id": o.id, "kind": o.kind, "title": o.title, "description": o.description,
        "team": o.team, "owner_id": o.owner_id, "skills": opportunity_skills(o),
        "hours_per_week": o.hours_per_week, "location": o.location, "remote": o.remote,
        "starts_on": _iso(o.starts_on), "closes_on": _iso(o.closes_on),
        "capacity": o.capacity, "accepted_count": accepted,
        "spots_left": max(0, o.capacity - accepted), "status": o.status,
        "created_at": _iso(o.created_at), "updated_at": _iso(o.updated_at),
    }


def application_dto(application: Application) -> dict:
    a = application
    return {
        "id": a.id, "opportunity_id": a.opportunity_id, "applicant_id": a.applicant_id,
        "note": a.note, "status": a.status, "message": a.message,
        "created_at": _iso(a.created_at), "updated_at": _iso(a.updated_at),
        "decided_at": _iso(a.decided_at),
    }


def mentoring_dto(request: MentoringRequest) -> dict:
    r = request
    return {
        "id": r.id, "mentor_id": r.mentor_id, "mentee_id": r.mentee_id,
        "skills": json.loads(r.skills or "[]"), "message": r.message, "status": r.status,
        "response": r.response, "created_at": _iso(r.created_at),
        "responded_at": _iso(r.responded_at),
    }


def voice_dto(voice: RoleVoice) -> dict:
    return {"id": voice.id, "author_id": voice.author_id, "text": voice.text,
            "current": voice.current, "created_at": _iso(voice.created_at),
            "updated_at": _iso(voice.updated_at)}


def opportunity_input(opportunity: Opportunity) -> dict:
    """An opportunity as the raw fields an update is validated over."""
    fields = {f: getattr(opportunity, f) for f in OPPORTUNITY_FIELDS}
    fields["skills"] = [{"name": s.skill.name, "level": s.level, "required": s.required}
                        for s in opportunity.skills]
    return fields


def mentor_dto(person: Person, skills: list[Skill], coverage: float) -> dict:
    return {"person": person_dto(person), "skills": [skill_dto(s) for s in skills],
            "coverage": coverage}


def token_dto(token: AccessToken) -> dict:
    """A token as its owner sees it: never the secret (that is shown once, at creation)."""
    return {
        "id": token.id,
        "kind": token.kind,
        "name": token.name,
        "scopes": token.scopes.split(),
        "created_at": _iso(token.created_at),
        "expires_on": _iso(token.expires_on),
        "revoked_at": _iso(token.revoked_at),
        "last_used_at": _iso(token.last_used_at),
    }
