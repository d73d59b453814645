"""The people directory: batch reads, search, sign-in lookup and the admin import (mixed
into CareerService), with deactivation (activation.py) composed in."""
from __future__ import annotations

from dataclasses import asdict

from services.career import domain, events, people_import, store
from services.career.dto import person_dto
from services.career.entrypoints.activation import ActivationEntrypoints
from services.career.models import Person
from services.career.validation import EMAIL, normalise_email, validate_person
from shared.entrypoints import rpc
from shared.errors import NotFound
from shared.pagination import page, page_window


class PeopleEntrypoints(ActivationEntrypoints):
    @rpc
    def get_people(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown. Deactivated people
        too (their ideas still name them); `active` only for admins."""
        shows = domain.sees_deactivated(self.caller.require())
        found = {p.id: person_dto(p, shows) for p in store.people_by_id(self.db.session, ids)}
        return [found.get(i) for i in ids]

    @rpc
    def find_person_by_email(self, email: str) -> dict:
        """Used by sign-in, so it needs no caller; it reveals only whether an e-mail exists."""
        person = store.person_by_email(self.db.session, normalise_email(email))
        if person is None:
            raise NotFound("no person with that e-mail")
        return person_dto(person)

    @rpc
    def list_people(self, first: int | None = None, after: str | None = None,
                    team: str | None = None, search: str | None = None,
                    skill: str | None = None) -> dict:
        """The directory by name; `team` exact (any case), `search` in name, title or
        e-mail, `skill` a skill name (people who list it). Deactivated people only for
        admins (marked by `active`)."""
        viewer = self.caller.require()
        offset, limit = page_window(first, after)
        skill_ids = self.skills.lookup(self.db.session, [skill]) if skill else None
        shows = domain.sees_deactivated(viewer)
        rows, total = store.fetch_page(self.db.session, store.directory(
            team, search, skill_ids, shows), (Person.name, Person.id), offset, limit)
        return page([person_dto(p, shows) for p in rows], offset, limit, total)

    @rpc
    def upsert_people(self, people: list[dict]) -> list[str]:
        """Admin import of the directory (the seed uses it); keyed by e-mail."""
        self.caller.require().require("admin")
        ids = self._upsert(people)
        self.db.commit()
        return ids

    @rpc
    def import_people_csv(self, text: str, dry_run: bool = True) -> dict:
        """Admins: a people CSV (email, name, team, manager_email, roles). The report names
        every row's problems by column; applied only when asked and the whole file is clean
        (all or nothing: with any error, nothing is written)."""
        self.caller.require().require("admin")
        rows, errors = people_import.parse(text)
        emails = [normalise_email(r.get("email", "")) for r in rows]
        known = store.known_emails(self.db.session, emails + [
            normalise_email(r.get("manager_email", "")) for r in rows])
        errors = errors or people_import.check(rows, known, lambda e: bool(EMAIL.match(e)))
        report = {"rows": len(rows), "new": len(set(emails) - known),
                  "updated": len(set(emails) & known),
                  "errors": [asdict(e) for e in errors], "applied": False}
        if dry_run or errors:
            return report
        self._upsert([people_import.as_person(r) for r in rows])
        self.db.commit()
        return {**report, "applied": True}

    def _upsert(self, people: list[dict]) -> list[str]:
        cleaned = [validate_person(p) for p in people]
        ids = []
        for fields in cleaned:
            person = store.upsert_person(self.db.session, fields)
            self.db.emit(events.person_upserted(person, fields["roles"]))
            ids.append(person.id)
        store.link_managers(self.db.session,
                            [normalise_email(p.get("manager_email") or "") for p in people],
                            [fields["email"] for fields in cleaned])
        return ids
