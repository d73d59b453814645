"""Career's tables as a scim2-server storage: scim2-server speaks the protocol (routing,
validation, PATCH, responses), this reads and writes people and groups in the request's
session. Nothing commits here: the entrypoint commits a request that succeeded."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from scim2_models import (
    InvalidValueException,
    NotFoundException,
    NotImplementedException,
    Resource,
    ResourceType,
    ScimProvider,
    SearchRequest,
    UniquenessException,
)
from scim2_server.storage import ScimStorage, SearchPage
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.career import access_store, events, provisioning, scim_store, store
from services.career.models import Person, ProvisionedGroup
from services.career.scim_filters import equality
from services.career.scim_resources import group_document, kept, user_document
from shared.clock import now


@dataclass(frozen=True)
class Effects:
    """What a write sets off beyond its rows: events, and (de)activating a person, whose
    effects (applications withdrawn, out of matching) are the deactivation use case's."""

    emit: Callable[[Any], None]
    deactivate: Callable[[Person], None]
    reactivate: Callable[[Person], None]
    role_groups: dict[str, str]


class CareerStorage(ScimStorage):
    def __init__(self, session: Session, provider: ScimProvider, effects: Effects):
        self.session, self.provider, self.effects = session, provider, effects

    @contextmanager
    def operation(self) -> Iterator[None]:
        """A unique value a concurrent request took first (userName, e-mail) is a 409."""
        try:
            yield
        except IntegrityError:
            raise UniquenessException(detail="userName or e-mail: another user took it "
                                      "meanwhile") from None

    # -- reads ----------------------------------------------------------------------------

    def get(self, resource_type: ResourceType, resource_id: str, *,
            response_parameters=None) -> Resource[Any]:
        return self._resources(resource_type, [self._find(resource_type, resource_id)])[0]

    def search(self, resource_types: list[ResourceType], search_request: SearchRequest[Any],
               *, position=None) -> SearchPage:
        if len(resource_types) != 1:
            raise NotImplementedException(detail="search Users or Groups, not the root")
        [resource_type] = resource_types
        found = search_request.filter
        criterion = equality(resource_type.name, found.ast if found is not None else None)
        if resource_type.name == "User":
            query, order = scim_store.people_query(criterion), (Person.created_at, Person.id)
        else:
            query = scim_store.groups_query(criterion)
            order = (ProvisionedGroup.created_at, ProvisionedGroup.id)
        rows, total = scim_store.page(self.session, query, order,
                                      search_request.start_index_0 or 0, search_request.count)
        return SearchPage(total, self._resources(resource_type, rows))

    # -- writes ---------------------------------------------------------------------------

    def create(self, resource_type: ResourceType, resource: Resource[Any]) -> Resource[Any]:
        document = resource.model_dump(mode="json")
        if resource_type.name == "User":
            row = self._create_user(document)
        else:
            row = scim_store.add_group(self.session, "", None)
            self._write_group(row, document)
        return self._resources(resource_type, [row])[0]

    def update(self, resource_type: ResourceType, resource: Resource[Any], *,
               expected_version=None) -> Resource[Any]:
        row = self._find(resource_type, str(resource.id))
        document = resource.model_dump(mode="json")
        if resource_type.name == "User":
            self._write_user(row, document)
        else:
            self._write_group(row, document)
        return self._resources(resource_type, [row])[0]

    def delete(self, resource_type: ResourceType, resource_id: str, *,
               expected_version=None) -> None:
        """A User is deprovisioned, not deleted: deactivated and 404 to SCIM from now on,
        their own data theirs; a Group goes, and its members' roles and teams follow."""
        row = self._find(resource_type, resource_id)
        if resource_type.name == "User":
            row.deprovisioned_at, row.user_name = now(), None
            scim_store.leave_groups(self.session, row.id)
            if row.active:
                self.effects.deactivate(row)
            return
        members = [m.person_id for m in row.members]
        kind = self._kind(row.display_name)
        self.session.delete(row)
        self.session.flush()
        self._regroup(members, {kind})

    # -- users ----------------------------------------------------------------------------

    def _create_user(self, document: dict) -> Person:
        fields = provisioning.user_fields(document)
        if fields.email is None:
            raise InvalidValueException(detail="emails: a Kaizen person needs an e-mail "
                                        "address (in emails, or a userName that is one)")
        person = store.person_by_email(self.session, fields.email)
        if person is not None and person.user_name and person.deprovisioned_at is None:
            raise UniquenessException(detail=f"emails: {fields.email} is another user's")
        if person is None:
            person = access_store.add_person(self.session, fields.name, fields.email, None)
        person.deprovisioned_at = None  # a deprovisioned person comes back as themselves
        self._write_user(person, document)
        return person

    def _write_user(self, person: Person, document: dict) -> None:
        fields = provisioning.user_fields(document)
        too_long = provisioning.too_long(fields)
        if too_long:
            raise InvalidValueException(detail=too_long)
        holder = scim_store.user_name_holder(self.session, fields.user_name)
        if holder is not None and holder is not person:
            raise UniquenessException(detail=f"userName: {fields.user_name} is taken")
        if fields.email and fields.email != person.email:
            other = store.person_by_email(self.session, fields.email)
            if other is not None and other is not person:
                raise UniquenessException(detail=f"emails: {fields.email} is another user's")
            person.email = fields.email
        person.user_name, person.name = fields.user_name, fields.name
        person.external_id, person.title = fields.external_id, fields.title
        person.scim_document, person.scim_updated_at = json.dumps(kept(document)), now()
        self.session.flush()
        if fields.active != person.active:
            (self.effects.reactivate if fields.active else self.effects.deactivate)(person)
        self.effects.emit(events.person_upserted(person, person.roles.split()))

    # -- groups ---------------------------------------------------------------------------

    def _write_group(self, group: ProvisionedGroup, document: dict) -> None:
        name = " ".join(document["displayName"].split())
        kinds = {self._kind(name)}
        if not name or len(name) > 255 or ("team" in kinds and len(name) >
                                            provisioning.TEAM_MAX):
            raise InvalidValueException(detail="displayName: 1 to 255 characters, and at "
                                        f"most {provisioning.TEAM_MAX} for a team")
        before = {m.person_id for m in group.members}
        renamed = bool(group.display_name) and group.display_name != name
        if renamed:  # every member's role or team may change, under both names
            kinds |= {self._kind(group.display_name)}
        group.display_name, group.external_id = name, document.get("externalId")
        group.updated_at = now()
        changed = scim_store.set_members(group, self._member_ids(document))
        self.session.flush()
        self._regroup(sorted(changed | (before if renamed else set())), kinds)

    def _member_ids(self, document: dict) -> dict[str, str | None]:
        ids = {}
        for member in document.get("members") or []:
            if (member.get("type") or "User") != "User":
                raise InvalidValueException(detail="members: only users; groups in groups "
                                            "are not supported")
            if scim_store.provisioned_person(self.session, member.get("value") or "") is None:
                raise InvalidValueException(detail=f"members: no user {member.get('value')}")
            ids[member["value"]] = member.get("display")
        return ids

    def _kind(self, display_name: str) -> str:
        return "role" if provisioning.is_role_group(display_name,
                                                    self.effects.role_groups) else "team"

    def _regroup(self, person_ids: list[str], kinds: set[str]) -> None:
        """Re-reads the roles and/or team of people whose groups changed."""
        groups = scim_store.group_names_of(self.session, person_ids)
        for person in store.people_by_id(self.session, person_ids):
            names = [name for _, name in groups[person.id]]
            roles, team = person.roles, person.team
            if "role" in kinds:
                person.roles = " ".join(provisioning.roles_of(names, self.effects.role_groups))
            if "team" in kinds:
                person.team = provisioning.team_of(
                    [n for n in names if self._kind(n) == "team"])
            if (roles, team) != (person.roles, person.team):
                self.effects.emit(events.person_upserted(person, person.roles.split()))

    # -- rows to resources ----------------------------------------------------------------

    def _find(self, resource_type: ResourceType, resource_id: str):
        row = (scim_store.provisioned_person(self.session, resource_id)
               if resource_type.name == "User"
               else self.session.get(ProvisionedGroup, str(resource_id)))
        if row is None:
            raise NotFoundException(detail=f"no {resource_type.name} {resource_id}")
        return row

    def _resources(self, resource_type: ResourceType, rows: list) -> list[Resource[Any]]:
        model = self.provider.model_for(resource_type)
        if resource_type.name == "User":
            groups = scim_store.group_names_of(self.session, [p.id for p in rows])
            return [model.model_validate(user_document(p, groups[p.id])) for p in rows]
        ids = sorted({m.person_id for g in rows for m in g.members})
        names = {p.id: p.name for p in store.people_by_id(self.session, ids)}
        return [model.model_validate(group_document(g, names)) for g in rows]
