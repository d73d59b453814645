"""Profiles: skills (normalised to the taxonomy), interests, aspirations, mentoring offers
and the evidence improvement work leaves on them; and the skills autocomplete (mixed into
CareerService)."""
from __future__ import annotations

from services.career import domain, events, store
from services.career.dto import profile_dto
from services.career.validation import clean_first, skill_names, validate_profile
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import PermissionDenied

SEARCH_MAX = 50


class ProfileEntrypoints:
    @rpc
    def get_profiles(self, ids: list[str]) -> list[dict | None]:
        """Batch read of profiles in the order asked; None where a person is unknown.
        Interests, aspirations and available hours are empty unless the caller is the
        person, their manager or an admin."""
        viewer = self.caller.require()
        people = store.people_by_id(self.db.session, ids)
        evidence = store.evidence_of(self.db.session, [p.id for p in people])
        found = {p.id: profile_dto(p, evidence.get(p.id, []), domain.sees_private_profile(
            viewer, p.id, p.manager_id)) for p in people}
        return [found.get(i) for i in ids]

    @rpc
    def update_profile(self, person_id: str, fields: dict) -> dict:
        """Changes the given fields of the caller's own profile; nobody edits another's."""
        caller = self.caller.require()
        if person_id != caller.user_id:
            raise PermissionDenied("you can only edit your own profile")
        clean = validate_profile(fields)
        person = store.find_person(self.db.session, person_id)
        store.update_profile(self.db.session, self.skills, person, clean, now())
        self.db.emit(events.profile_updated(person))
        self.db.commit()
        evidence = store.evidence_of(self.db.session, [person.id]).get(person.id, [])
        return profile_dto(person, evidence)

    @rpc
    def search_skills(self, query: str, first: int | None = None) -> list[dict]:
        """Autocomplete: ESCO skills by name prefix, word prefix, then synonym."""
        self.caller.require()
        first = clean_first(first, SEARCH_MAX)
        return self.skills.search(self.db.session, str(query or ""), first)

    @rpc
    def match_skills(self, names: list[str]) -> list[dict]:
        """[{name, skill, close}] per name: the ESCO skill it is (by label or synonym) or
        None, and then the close ESCO skills a person may pick instead of a custom one."""
        self.caller.require()
        return self.skills.matches(self.db.session, skill_names(names))
