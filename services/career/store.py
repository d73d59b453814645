"""Queries and writes of the career service: finds that raise NotFound, batch reads, lists,
and the writes that resolve skill names to the taxonomy. What needs the opportunity's lock
(applications and capacity) is in applications.py."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from services.career import domain
from services.career.models import (
    Application,
    Evidence,
    MentoringRequest,
    MentoringSkill,
    Opportunity,
    OpportunitySkill,
    Person,
    PersonSkill,
    RoleVoice,
    Skill,
)
from services.career.skills import SkillCatalog
from services.career.validation import OPPORTUNITY_FIELDS, PersonFields
from shared.clock import now
from shared.errors import NotFound

ACCEPTED = domain.ApplicationStatus.ACCEPTED


def _find(session: Session, model, id_: str, what: str):
    row = session.get(model, str(id_)) if id_ else None
    if row is None:
        raise NotFound(f"no {what} with id {id_}")
    return row


def find_person(session: Session, person_id: str) -> Person:
    return _find(session, Person, person_id, "person")


def find_opportunity(session: Session, opportunity_id: str) -> Opportunity:
    return _find(session, Opportunity, opportunity_id, "opportunity")


def find_application(session: Session, application_id: str) -> Application:
    return _find(session, Application, application_id, "application")


def find_mentoring_request(session: Session, request_id: str) -> MentoringRequest:
    return _find(session, MentoringRequest, request_id, "mentoring request")


def fetch_page(session: Session, query: Select, order: tuple, offset: int, limit: int
               ) -> tuple[list, int]:
    """Up to limit+1 rows from offset in `order`, and the total of the whole query."""
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(*order).offset(offset).limit(limit + 1)).all()
    return list(rows), total


# --- people and profiles --------------------------------------------------------------

def people_by_id(session: Session, ids: list[str]) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.id.in_(ids))).all())


def active_ids(session: Session, ids: list[str]) -> set[str]:
    """Of these people, those not deactivated."""
    return set(session.scalars(select(Person.id).where(Person.id.in_(ids), Person.active)))


def person_by_email(session: Session, email: str) -> Person | None:
    return session.scalar(select(Person).where(Person.email == email))


def directory(team: str | None, search: str | None, skill_ids: list[str] | None,
              with_deactivated: bool = False) -> Select:
    query = select(Person) if with_deactivated else select(Person).where(Person.active)
    if team:
        query = query.where(func.lower(Person.team) == team.strip().casefold())
    if search and search.strip():
        term = search.strip().casefold()  # `%` and `_` are letters here, not wildcards
        query = query.where(or_(func.lower(Person.name).contains(term, autoescape=True),
                                func.lower(Person.title).contains(term, autoescape=True),
                                Person.email.contains(term, autoescape=True)))
    if skill_ids is not None:
        query = query.where(Person.id.in_(
            select(PersonSkill.person_id).where(PersonSkill.skill_id.in_(skill_ids))))
    return query


def upsert_person(session: Session, fields: PersonFields) -> Person:
    """Keyed by e-mail; flushed, so the id is known."""
    person = person_by_email(session, fields["email"])
    if person is None:
        person = Person(id=str(uuid.uuid4()), created_at=now(), **{**fields, "roles": ""})
        session.add(person)
    for key in ("name", "title", "team", "location"):
        setattr(person, key, fields[key])
    person.roles = " ".join(fields["roles"])
    session.flush()
    return person


def known_emails(session: Session, emails: list[str]) -> set[str]:
    """Which of `emails` are people's already."""
    wanted = sorted(set(emails))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # bounded IN lists
        found.update(session.scalars(select(Person.email).where(
            Person.email.in_(wanted[start:start + 500]))))
    return found


def link_managers(session: Session, manager_emails: list[str], emails: list[str]) -> None:
    """Each person's manager by e-mail (none when the e-mail is nobody's)."""
    by_email = {p.email: p for p in session.scalars(select(Person)).all()}
    for manager_email, email in zip(manager_emails, emails, strict=True):
        manager = by_email.get(manager_email)
        by_email[email].manager_id = manager.id if manager else None


def evidence_of(session: Session, person_ids: list[str]) -> dict[str, list[Evidence]]:
    rows = session.scalars(select(Evidence).where(Evidence.person_id.in_(person_ids))
                           .order_by(Evidence.occurred_at.desc(), Evidence.id)).all()
    found: dict[str, list[Evidence]] = {}
    for row in rows:
        found.setdefault(row.person_id, []).append(row)
    return found


def update_profile(session: Session, catalog: SkillCatalog, person: Person, clean: dict,
                   at: datetime) -> None:
    """The fields given; flushed, so the new skills are rows."""
    _apply_profile(session, catalog, person, clean)
    person.profile_updated_at = at
    session.flush()


def _apply_profile(session: Session, catalog: SkillCatalog, person: Person, clean: dict
                   ) -> None:
    for field, column in (("headline", "headline"), ("aspirations", "aspirations"),
                          ("available_hours_per_week", "available_hours")):
        if field in clean:
            setattr(person, column, clean[field])
    if "interests" in clean:
        person.interests = json.dumps(clean["interests"])
    if "skills" in clean:
        rows = catalog.resolve(session, [s["name"] for s in clean["skills"]])
        by_id = {row.id: row for row in rows}
        resolved = domain.dedupe_skills([domain.LeveledSkill(row.id, s["level"])
                                         for row, s in zip(rows, clean["skills"], strict=True)])
        person.skills = [PersonSkill(skill_id=s.skill_id, skill=by_id[s.skill_id],
                                     level=s.level, position=i) for i, s in enumerate(resolved)]
    if "mentoring_skills" in clean:
        rows = {row.id: row for row in catalog.resolve(session, clean["mentoring_skills"])}
        person.mentoring = [MentoringSkill(skill_id=id_, skill=row, position=i)
                            for i, (id_, row) in enumerate(rows.items())]


def add_evidence(session: Session, person_id: str, source: str, source_id: str, title: str,
                 text: str, occurred_at) -> None:
    """One entry per person and piece of work, even if two events name it."""
    exists = session.scalar(select(Evidence.id).where(
        Evidence.person_id == person_id, Evidence.source == source,
        Evidence.source_id == source_id))
    if exists is None:
        session.add(Evidence(id=str(uuid.uuid4()), person_id=person_id, source=source,
                             source_id=source_id, title=title[:255], text=text,
                             occurred_at=occurred_at))
        session.flush()


# --- opportunities --------------------------------------------------------------------

def opportunities_by_id(session: Session, ids) -> list[Opportunity]:
    return list(session.scalars(select(Opportunity).where(Opportunity.id.in_(ids))).all())


def opportunity_list(filters: dict, skill_ids: list[str] | None) -> Select:
    query = select(Opportunity)
    for field in ("kind", "status", "owner_id"):
        if filters.get(field):
            query = query.where(getattr(Opportunity, field) == str(filters[field]))
    if filters.get("team"):
        query = query.where(func.lower(Opportunity.team) == filters["team"].strip().casefold())
    if (filters.get("search") or "").strip():
        term = filters["search"].strip().casefold()
        query = query.where(or_(
            func.lower(Opportunity.title).contains(term, autoescape=True),
            func.lower(Opportunity.description).contains(term, autoescape=True)))
    if skill_ids is not None:
        query = query.where(Opportunity.id.in_(
            select(OpportunitySkill.opportunity_id).where(OpportunitySkill.skill_id.in_(skill_ids))))
    return query


def add_opportunity(session: Session, catalog: SkillCatalog, owner_id: str, clean: dict,
                    at: datetime) -> Opportunity:
    """A new OPEN opportunity, flushed."""
    opportunity = Opportunity(id=str(uuid.uuid4()), owner_id=owner_id,
                              status=domain.Status.OPEN, created_at=at, updated_at=at,
                              lock_version=0)
    _fill_opportunity(session, catalog, opportunity, clean)
    session.add(opportunity)
    session.flush()
    return opportunity


def change_opportunity(session: Session, catalog: SkillCatalog, opportunity: Opportunity,
                       clean: dict, at: datetime) -> None:
    """Every field replaced by `clean` (a whole opportunity), flushed."""
    _fill_opportunity(session, catalog, opportunity, clean)
    opportunity.updated_at = at
    session.flush()


def _fill_opportunity(session: Session, catalog: SkillCatalog, opportunity: Opportunity,
                      clean: dict) -> None:
    for field in OPPORTUNITY_FIELDS:
        if field != "skills":
            setattr(opportunity, field, clean[field])
    opportunity.role_key = domain.key_of(clean["title"])
    rows = catalog.resolve(session, [s["name"] for s in clean["skills"]])
    by_id = {row.id: row for row in rows}
    wanted = domain.dedupe_skills([domain.LeveledSkill(row.id, s["level"], s["required"])
                                   for row, s in zip(rows, clean["skills"], strict=True)])
    opportunity.skills = [
        OpportunitySkill(skill_id=s.skill_id, skill=by_id[s.skill_id], level=s.level,
                         required=s.required, position=i) for i, s in enumerate(wanted)]


# --- mentoring ------------------------------------------------------------------------

def mentoring_offers(session: Session, skill_ids: list[str]) -> list[tuple[Person, list[str]]]:
    """Who offers mentoring in any of these skills, and in which of them (in the order each
    person lists them); never a deactivated person."""
    rows = session.execute(select(MentoringSkill, Person).join(Person)
                           .where(MentoringSkill.skill_id.in_(skill_ids), Person.active)
                           .order_by(MentoringSkill.position)).all()
    offers: dict[str, tuple[Person, list[str]]] = {}
    for offer, person in rows:
        offers.setdefault(person.id, (person, []))[1].append(offer.skill_id)
    return list(offers.values())


def skills_by_id(session: Session, ids: list[str]) -> dict[str, Skill]:
    return {s.id: s for s in session.scalars(select(Skill).where(Skill.id.in_(ids))).all()}


def add_mentoring_request(session: Session, mentor_id: str, mentee_id: str,
                          skills: list[str], message: str, at: datetime) -> MentoringRequest:
    request = MentoringRequest(
        id=str(uuid.uuid4()), mentor_id=mentor_id, mentee_id=mentee_id,
        skills=json.dumps(skills), message=message, response="",
        status=domain.ApplicationStatus.PENDING, created_at=at)
    session.add(request)
    return request


def has_pending_request(session: Session, mentor_id: str, mentee_id: str) -> bool:
    return session.scalar(select(MentoringRequest.id).where(
        MentoringRequest.mentor_id == mentor_id, MentoringRequest.mentee_id == mentee_id,
        MentoringRequest.status == domain.ApplicationStatus.PENDING)) is not None


def mentoring_requests_of(session: Session, person_id: str) -> list[MentoringRequest]:
    """Sent or received, newest first."""
    return list(session.scalars(select(MentoringRequest).where(
        (MentoringRequest.mentor_id == person_id) | (MentoringRequest.mentee_id == person_id))
        .order_by(MentoringRequest.created_at.desc(), MentoringRequest.id)).all())


def withdraw_pending_requests(session: Session, person_id: str, at: datetime) -> int:
    """Withdraws the mentoring requests still PENDING that the person sent or received."""
    rows = session.scalars(select(MentoringRequest).where(
        (MentoringRequest.mentor_id == person_id) | (MentoringRequest.mentee_id == person_id),
        MentoringRequest.status == domain.ApplicationStatus.PENDING)).all()
    for request in rows:
        request.status, request.responded_at = domain.ApplicationStatus.WITHDRAWN, at
    return len(rows)


# --- role voices ----------------------------------------------------------------------

def held_role_keys(session: Session, person_id: str) -> set[str]:
    """The roles a person was accepted on (by their opportunities' titles)."""
    return set(session.scalars(select(Opportunity.role_key).join(Application).where(
        Application.applicant_id == person_id, Application.status == ACCEPTED)).all())


def save_voice(session: Session, role_key: str, author_id: str, text: str, current: bool,
               at: datetime) -> RoleVoice:
    """One voice per person and role: a new note replaces the earlier one."""
    voice = session.scalar(select(RoleVoice).where(RoleVoice.role_key == role_key,
                                                   RoleVoice.author_id == author_id))
    if voice is None:
        voice = RoleVoice(id=str(uuid.uuid4()), role_key=role_key, author_id=author_id,
                          created_at=at)
        session.add(voice)
    voice.text, voice.current, voice.updated_at = text, current, at
    return voice


def voices_on(session: Session, opportunity_ids: list[str]) -> list[list[RoleVoice]]:
    """Per opportunity (in the order asked) the voices on its role: current holders first,
    then the newest."""
    keys = dict(session.execute(select(Opportunity.id, Opportunity.role_key)
                                .where(Opportunity.id.in_(opportunity_ids))).all())
    rows = session.scalars(select(RoleVoice).where(RoleVoice.role_key.in_(set(keys.values())))
                           .order_by(RoleVoice.current.desc(), RoleVoice.updated_at.desc(),
                                     RoleVoice.id)).all()
    by_key: dict[str, list[RoleVoice]] = {}
    for row in rows:
        by_key.setdefault(row.role_key, []).append(row)
    return [by_key.get(keys.get(i), []) for i in opportunity_ids]
