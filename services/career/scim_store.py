"""Queries and writes of SCIM provisioning: the people a provisioning client sees (everyone
not deprovisioned), looked up by the filters career answers, and groups with their members."""
from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from services.career.models import GroupMembership, Person, ProvisionedGroup
from services.career.scim_filters import Equality
from shared.clock import now

CASE_INSENSITIVE = {"user_name", "email", "display_name"}  # RFC 7643: caseExact false


def provisioned_person(session: Session, person_id: str) -> Person | None:
    person = session.get(Person, str(person_id))
    return person if person is not None and person.deprovisioned_at is None else None


def people_query(equality: Equality | None) -> Select:
    query = select(Person).where(Person.deprovisioned_at.is_(None))
    if equality is None:
        return query
    if equality.column == "user_name":  # a person never provisioned answers to their e-mail
        column = func.coalesce(Person.user_name, Person.email)
    else:
        column = getattr(Person, equality.column)
    return query.where(_equals(column, equality))


def groups_query(equality: Equality | None) -> Select:
    query = select(ProvisionedGroup)
    if equality is None:
        return query
    return query.where(_equals(getattr(ProvisionedGroup, equality.column), equality))


def _equals(column, equality: Equality):
    if equality.column in CASE_INSENSITIVE:
        return func.lower(column) == equality.value.casefold()
    return column == equality.value


def page(session: Session, query: Select, order: tuple, offset: int, limit: int | None
         ) -> tuple[list, int]:
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    query = query.order_by(*order).offset(offset)
    rows = session.scalars(query if limit is None else query.limit(limit)).all()
    return list(rows), total


def user_name_holder(session: Session, user_name: str) -> Person | None:
    """Whoever holds a userName (any case), an e-mail counting for a person never given one."""
    key = user_name.casefold()
    return session.scalar(select(Person).where(
        func.lower(func.coalesce(Person.user_name, Person.email)) == key))


def group_names_of(session: Session, person_ids: list[str]) -> dict[str, list[tuple]]:
    """Per person, their groups as (id, displayName) in the order they joined."""
    rows = session.execute(
        select(GroupMembership.person_id, ProvisionedGroup.id, ProvisionedGroup.display_name)
        .join(ProvisionedGroup, ProvisionedGroup.id == GroupMembership.group_id)
        .where(GroupMembership.person_id.in_(person_ids))
        .order_by(GroupMembership.added_at, ProvisionedGroup.id)).all()
    found: dict[str, list[tuple]] = {pid: [] for pid in person_ids}
    for person_id, group_id, name in rows:
        found[person_id].append((group_id, name))
    return found


def add_group(session: Session, display_name: str, external_id: str | None
              ) -> ProvisionedGroup:
    stamp = now()
    group = ProvisionedGroup(id=str(uuid.uuid4()), display_name=display_name,
                             external_id=external_id, created_at=stamp, updated_at=stamp)
    session.add(group)
    return group


def set_members(group: ProvisionedGroup, members: dict[str, str | None]) -> set[str]:
    """Makes `members` (person id -> the display the IdP sent) the group's members, joiners
    stamped now; the people whose membership changed."""
    wanted, current = set(members), {m.person_id for m in group.members}
    group.members = [m for m in group.members if m.person_id in wanted]
    stamp = now()
    for membership in group.members:
        membership.display = members[membership.person_id]
    for person_id, display in members.items():
        if person_id not in current:
            group.members.append(GroupMembership(person_id=person_id, added_at=stamp,
                                                 display=display))
    return wanted ^ current


def leave_groups(session: Session, person_id: str) -> None:
    for membership in session.scalars(select(GroupMembership).where(
            GroupMembership.person_id == person_id)):
        session.delete(membership)
