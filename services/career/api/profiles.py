"""Profiles: skills (normalised to the taxonomy), interests, aspirations, mentoring offers,
and the evidence improvement work leaves on them."""
from __future__ import annotations

import json

from sqlalchemy import select

from services.career import domain
from services.career.api.common import get_or_404
from services.career.dto import profile_dto
from services.career.models import Evidence, MentoringSkill, Person, PersonSkill
from shared.clock import now
from shared.contracts.career import ProfileUpdated
from shared.entrypoints import rpc
from shared.errors import PermissionDenied, ValidationError

SEARCH_MAX = 50


def evidence_of(session, person_ids: list[str]) -> dict[str, list[Evidence]]:
    rows = session.scalars(select(Evidence).where(Evidence.person_id.in_(person_ids))
                           .order_by(Evidence.occurred_at.desc(), Evidence.id)).all()
    found: dict[str, list[Evidence]] = {}
    for row in rows:
        found.setdefault(row.person_id, []).append(row)
    return found


class ProfileApi:
    @rpc
    def get_profiles(self, ids: list[str]) -> list[dict | None]:
        """Batch read of profiles in the order asked; None where a person is unknown."""
        self.caller.require()
        people = self.db.session.scalars(select(Person).where(Person.id.in_(ids))).all()
        evidence = evidence_of(self.db.session, [p.id for p in people])
        found = {p.id: profile_dto(p, evidence.get(p.id, [])) for p in people}
        return [found.get(i) for i in ids]

    @rpc
    def update_profile(self, person_id: str, fields: dict) -> dict:
        """Changes the given fields of the caller's own profile; nobody edits another's."""
        caller = self.caller.require()
        if person_id != caller.user_id:
            raise PermissionDenied("you can only edit your own profile")
        clean = domain.validate_profile(fields)
        person = get_or_404(self.db.session, Person, person_id, "person")
        self._apply(person, clean)
        person.profile_updated_at = now()
        self.db.session.flush()
        self.db.emit(self._profile_updated(person))
        self.db.commit()
        evidence = evidence_of(self.db.session, [person.id]).get(person.id, [])
        return profile_dto(person, evidence)

    def _apply(self, person: Person, clean: dict) -> None:
        for field, column in (("headline", "headline"), ("aspirations", "aspirations"),
                              ("available_hours_per_week", "available_hours")):
            if field in clean:
                setattr(person, column, clean[field])
        if "interests" in clean:
            person.interests = json.dumps(clean["interests"])
        if "skills" in clean:
            rows = self.skills.resolve(self.db.session, [s["name"] for s in clean["skills"]])
            by_id = {row.id: row for row in rows}
            resolved = domain.dedupe_skills([
                {"skill_id": row.id, "level": s["level"]}
                for row, s in zip(rows, clean["skills"], strict=True)])
            person.skills = [PersonSkill(skill_id=s["skill_id"], skill=by_id[s["skill_id"]],
                                         level=s["level"], position=i)
                             for i, s in enumerate(resolved)]
        if "mentoring_skills" in clean:
            rows = {row.id: row for row in self.skills.resolve(self.db.session,
                                                               clean["mentoring_skills"])}
            person.mentoring = [MentoringSkill(skill_id=id_, skill=row, position=i)
                                for i, (id_, row) in enumerate(rows.items())]

    def _profile_updated(self, person: Person) -> ProfileUpdated:
        return ProfileUpdated(
            person_id=person.id, headline=person.headline,
            skills=[{"name": s.skill.name, "skill_id": s.skill_id, "level": s.level}
                    for s in person.skills],
            interests=json.loads(person.interests or "[]"), aspirations=person.aspirations,
            mentoring_skills=[m.skill.name for m in person.mentoring],
            available_hours_per_week=person.available_hours,
        )

    @rpc
    def search_skills(self, query: str, first: int | None = None) -> list[dict]:
        """Autocomplete: ESCO skills by name prefix, word prefix, then synonym."""
        self.caller.require()
        first = 10 if first is None else first
        if not 1 <= first <= SEARCH_MAX:
            raise ValidationError(f"must be between 1 and {SEARCH_MAX}", "first")
        return self.skills.search(self.db.session, str(query or ""), first)
