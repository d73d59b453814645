"""Career service entrypoints. It owns the people directory."""
from __future__ import annotations

import uuid

from nameko.rpc import rpc
from nameko.timer import timer
from sqlalchemy import func, select

from services.career import domain
from services.career.models import INBOX, OUTBOX, Person
from shared.contracts.career import PersonUpserted
from shared.db import Database
from shared.errors import NotFound
from shared.identity import Caller
from shared.outbox import now
from shared.pagination import page, page_window


def person_dto(person: Person) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "title": person.title,
        "team": person.team,
        "manager_id": person.manager_id,
        "location": person.location,
        "roles": person.roles.split(),
    }


class CareerService:
    name = "career"

    db = Database("career", OUTBOX, INBOX)
    caller = Caller()

    @rpc
    def ping(self) -> str:
        return "pong"

    @rpc
    def get_people(self, ids: list[str]) -> list[dict | None]:
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
    def list_people(self, first: int | None = None, after: str | None = None) -> dict:
        self.caller.require()
        offset, limit = page_window(first, after)
        total = self.db.session.scalar(select(func.count()).select_from(Person))
        rows = self.db.session.scalars(
            select(Person).order_by(Person.name, Person.id).offset(offset).limit(limit + 1)
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

    @timer(interval=2)
    def relay_outbox(self) -> None:
        self.db.relay()
