"""The people directory: batch reads, search, sign-in lookup and the admin import."""
from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select

from services.career import domain
from services.career.dto import person_dto
from services.career.models import Person, PersonSkill
from shared.clock import now
from shared.contracts.career import PersonUpserted
from shared.entrypoints import rpc
from shared.errors import NotFound
from shared.pagination import page, page_window


def directory_query(team: str | None, search: str | None, skill_ids: list[str] | None):
    query = select(Person)
    if team:
        query = query.where(func.lower(Person.team) == team.strip().casefold())
    if search and search.strip():
        like = f"%{search.strip().casefold()}%"
        query = query.where(or_(func.lower(Person.name).like(like),
                                func.lower(Person.title).like(like),
                                Person.email.like(like)))
    if skill_ids is not None:
        query = query.where(Person.id.in_(
            select(PersonSkill.person_id).where(PersonSkill.skill_id.in_(skill_ids))))
    return query


class PeopleApi:
    @rpc
    def get_people(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = self.db.session.scalars(select(Person).where(Person.id.in_(ids))).all()
        found = {p.id: person_dto(p) for p in rows}
        return [found.get(i) for i in ids]

    @rpc
    def find_person_by_email(self, email: str) -> dict:
        """Used by sign-in, so it needs no caller; it reveals only whether an e-mail exists."""
        person = self.db.session.scalar(
            select(Person).where(Person.email == domain.normalise_email(email))
        )
        if person is None:
            raise NotFound("no person with that e-mail")
        return person_dto(person)

    @rpc
    def list_people(self, first: int | None = None, after: str | None = None,
                    team: str | None = None, search: str | None = None,
                    skill: str | None = None) -> dict:
        """The directory by name; `team` exact (any case), `search` in name, title or
        e-mail, `skill` a skill name (people who list it)."""
        self.caller.require()
        offset, limit = page_window(first, after)
        skill_ids = self.skills.lookup(self.db.session, [skill]) if skill else None
        query = directory_query(team, search, skill_ids)
        total = self.db.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = self.db.session.scalars(
            query.order_by(Person.name, Person.id).offset(offset).limit(limit + 1)
        ).all()
        return page([person_dto(p) for p in rows], offset, limit, total)

    @rpc
    def upsert_people(self, people: list[dict]) -> list[str]:
        """Admin import of the directory (the seed uses it); keyed by e-mail."""
        self.caller.require().require("admin")
        cleaned = [domain.validate_person(p) for p in people]
        ids = [self._upsert(fields) for fields in cleaned]
        self._link_managers(people, cleaned)
        self.db.commit()
        return ids

    def _upsert(self, fields: dict) -> str:
        person = self.db.session.scalar(select(Person).where(Person.email == fields["email"]))
        if person is None:
            person = Person(id=str(uuid.uuid4()), created_at=now(), **{**fields, "roles": ""})
            self.db.session.add(person)
        for key in ("name", "title", "team", "location"):
            setattr(person, key, fields[key])
        person.roles = " ".join(fields["roles"])
        self.db.session.flush()
        self.db.emit(PersonUpserted(
            person_id=person.id, name=person.name, team=person.team, roles=fields["roles"]
        ))
        return person.id

    def _link_managers(self, raw: list[dict], cleaned: list[dict]) -> None:
        by_email = {p.email: p for p in self.db.session.scalars(select(Person)).all()}
        for source, fields in zip(raw, cleaned, strict=True):
            manager = by_email.get(domain.normalise_email(source.get("manager_email") or ""))
            by_email[fields["email"]].manager_id = manager.id if manager else None
