"""Rows to the events other services read about people, profiles and opportunities."""
from __future__ import annotations

import json

from services.career.dto import opportunity_skills
from services.career.models import Opportunity, Person
from shared.contracts.career import PersonUpserted, ProfileUpdated


def person_upserted(person: Person, roles: list[str]) -> PersonUpserted:
    return PersonUpserted(person_id=person.id, name=person.name, team=person.team, roles=roles,
                          email=person.email)


def profile_updated(person: Person) -> ProfileUpdated:
    return ProfileUpdated(
        person_id=person.id, headline=person.headline,
        skills=[{"name": s.skill.name, "skill_id": s.skill_id, "level": s.level}
                for s in person.skills],
        interests=json.loads(person.interests or "[]"), aspirations=person.aspirations,
        mentoring_skills=[m.skill.name for m in person.mentoring],
        available_hours_per_week=person.available_hours,
    )


def opportunity_fields(opportunity: Opportunity) -> dict:
    """The fields of opportunity_posted and opportunity_updated."""
    skills = [{"name": s["skill"]["name"], "skill_id": s["skill"]["id"],
               "level": s["level"], "required": s["required"]}
              for s in opportunity_skills(opportunity)]
    return {"opportunity_id": opportunity.id, "kind": opportunity.kind,
            "title": opportunity.title, "description": opportunity.description,
            "team": opportunity.team, "owner_id": opportunity.owner_id, "skills": skills,
            "status": opportunity.status}
