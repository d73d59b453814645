"""Mentoring programmes: created by an admin or coordinator, joined as mentor or mentee,
mentors suggested to a mentee (mixed into CareerService)."""
from __future__ import annotations

import json

from services.career import matching, store
from services.career import mentoring_store as programmes
from services.career.mentoring_dto import enrolment_dto, programme_dto
from services.career.programme_validation import validate_enrolment, validate_programme
from services.career.validation import clean_first
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import PermissionDenied
from shared.settings import deployed_services

SUGGESTIONS_MAX = 50


def counts(enrolments) -> dict[str, int]:
    found: dict[str, int] = {}
    for e in enrolments:
        found[e.role] = found.get(e.role, 0) + 1
    return found


class ProgrammeEntrypoints:
    @rpc
    def create_mentoring_programme(self, fields: dict) -> dict:
        caller = self.caller.require()
        matching.may_run_programmes(caller.has("admin"), caller.has("coordinator"))
        clean = validate_programme(fields)
        clean["coordinator_ids"] = [p.id for p in store.people_by_id(
            self.db.session, clean["coordinator_ids"] or [caller.user_id])]
        programme = programmes.add_programme(self.db.session, clean, caller.user_id, now())
        self.db.commit()
        return programme_dto(programme, None, True, {})

    @rpc
    def mentoring_programmes(self) -> list[dict]:
        """Every programme, the latest to start first."""
        return self._dtos(programmes.programmes(self.db.session))

    @rpc
    def get_mentoring_programmes(self, ids: list[str]) -> list[dict | None]:
        """In the order asked; None for an unknown id."""
        found = {p["id"]: p for p in self._dtos(programmes.programmes_by_id(
            self.db.session, [str(i) for i in ids]))}
        return [found.get(str(i)) for i in ids]

    def _dtos(self, rows) -> list[dict]:
        caller = self.caller.require()
        mine = programmes.enrolments_of(self.db.session, caller.user_id)
        return [programme_dto(p, mine.get(p.id), matching.coordinates(
            programmes.coordinator_ids(p), caller.user_id, caller.has("admin")),
            counts(programmes.enrolments(self.db.session, p.id))) for p in rows]

    @rpc
    def enrol_in_programme(self, programme_id: str, fields: dict) -> dict:
        caller = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        clean = validate_enrolment(fields)
        person = store.find_person(self.db.session, caller.user_id)
        matching.check_enrolment(
            clean["role"], json.loads(programme.audience), person.team, programme.ends_on,
            now().date(), programmes.enrolment_of(self.db.session, programme.id, person.id)
            is not None)
        enrolment = programmes.add_enrolment(self.db.session, programme.id, person.id, clean,
                                             now())
        self.db.commit()
        return enrolment_dto(enrolment)

    @rpc
    def programme_enrolments(self, programme_id: str) -> list[dict]:
        """Everyone enrolled, for the programme's coordinators and admins."""
        caller = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        if not matching.coordinates(programmes.coordinator_ids(programme), caller.user_id,
                                    caller.has("admin")):
            raise PermissionDenied("only the programme's coordinators see who is enrolled")
        return [enrolment_dto(e) for e in programmes.enrolments(self.db.session, programme.id)]

    @rpc
    def suggested_mentors(self, programme_id: str, first: int | None = None) -> list[dict]:
        """For the calling mentee: the programme's mentors with a free place (never a
        deactivated one), best first, with reasons: [{person_id, score, shared_skills,
        reasons, load, capacity}]."""
        caller = self.caller.require()
        first = clean_first(first, SUGGESTIONS_MAX)
        programme = programmes.find_programme(self.db.session, programme_id)
        mine = programmes.enrolment_of(self.db.session, programme.id, caller.user_id)
        if mine is None or mine.role != matching.Role.MENTEE:
            raise PermissionDenied("enrol in the programme as a mentee first")
        enrolled = programmes.enrolments(self.db.session, programme.id)
        active = store.active_ids(self.db.session, [e.person_id for e in enrolled])
        mentors = [e for e in enrolled if e.role == matching.Role.MENTOR
                   and e.person_id in active]
        candidates = self._candidates(mine, mentors, programmes.mentor_loads(
            self.db.session, programme.id))
        ranked = matching.suggest(json.loads(mine.skills), candidates, caller.user_id)
        return [{"person_id": s.person_id, "score": s.score, "shared_skills": list(
            s.shared_skills), "reasons": list(s.reasons), "load": s.load,
            "capacity": s.capacity} for s in ranked[:first]]

    def _candidates(self, mentee, mentors, loads) -> list[matching.MentorCandidate]:
        session = self.db.session
        people = {p.id: p for p in store.people_by_id(
            session, [mentee.person_id, *[m.person_id for m in mentors]])}
        evidence = store.evidence_of(session, list(people))
        texts = [matching.mentor_text(
            json.loads(m.skills), people[m.person_id].headline,
            [s.skill.name for s in people[m.person_id].skills],
            [e.text for e in evidence.get(m.person_id, [])]) for m in mentors]
        me = people[mentee.person_id]
        similar = self._similarities(matching.mentee_text(
            mentee.goal, json.loads(mentee.skills), me.aspirations), texts)
        return [matching.MentorCandidate(
            m.person_id, people[m.person_id].name, tuple(json.loads(m.skills)), m.capacity,
            loads.get(m.person_id, 0), similar[i] if similar else None)
            for i, m in enumerate(mentors)]

    def _similarities(self, text: str, texts: list[str]) -> list[float] | None:
        """The insights model's, or None where insights is not deployed."""
        if not texts or "insights" not in deployed_services():
            return None
        return [score for start in range(0, len(texts), SUGGESTIONS_MAX)
                for score in self.insights_rpc.text_similarities(
                    text, texts[start:start + SUGGESTIONS_MAX])]
