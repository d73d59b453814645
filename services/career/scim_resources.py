"""People and groups as SCIM documents (RFC 7643 §4), as scim2-models dumps them.

A provisioned person's User is the document the identity provider last wrote, kept whole
(so every attribute it sends reads back), with what Kaizen holds itself on top: the id,
`active`, the groups and the meta. A person never provisioned (the seed, a CSV import, a
just-in-time sign-in) reads as a User made of their columns, so an identity provider that
looks them up by userName (their e-mail) adopts them instead of creating a second person."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from services.career.models import Person, ProvisionedGroup

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
NOT_KEPT = ("id", "meta", "groups", "password")  # ours, computed, or never stored


def kept(document: dict) -> dict:
    """What is stored of a written resource: the password never (RFC 7643 §4.1.1)."""
    return {k: v for k, v in document.items() if k not in NOT_KEPT}


def user_document(person: Person, groups: list[tuple[str, str]]) -> dict:
    document = json.loads(person.scim_document) if person.scim_document else {
        "schemas": [USER], "userName": person.email, "displayName": person.name,
        "name": {"formatted": person.name},
        "emails": [{"value": person.email, "type": "work", "primary": True}],
        "active": person.active,
        **({"title": person.title} if person.title else {}),
        **({"externalId": person.external_id} if person.external_id else {})}
    written = document.pop("active", None)  # Kaizen's own state wins (deactivated there)
    document["id"] = person.id
    if written is not None or not person.active:
        document["active"] = person.active
    if groups:
        document["groups"] = [{"value": gid, "display": name, "$ref": f"Groups/{gid}",
                               "type": "direct"} for gid, name in groups]
    return with_meta(document, "User", person.created_at,
                     person.scim_updated_at or person.created_at)


def group_document(group: ProvisionedGroup, names: dict[str, str]) -> dict:
    """`names`: each member's name, by person id."""
    document = {"schemas": [GROUP], "id": group.id, "displayName": group.display_name}
    if group.external_id:
        document["externalId"] = group.external_id
    if group.members:
        document["members"] = [{"value": m.person_id, "$ref": f"Users/{m.person_id}",
                                "type": "User", **_display(m.display or names.get(m.person_id))}
                               for m in group.members]
    return with_meta(document, "Group", group.created_at, group.updated_at)


def _display(name: str | None) -> dict:
    return {"display": name} if name else {}


def with_meta(document: dict, resource_type: str, created: datetime, modified: datetime
              ) -> dict:
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, default=str).encode())
    return {**document, "meta": {"resourceType": resource_type, "created": created.isoformat(),
                                 "lastModified": modified.isoformat(),
                                 "version": f'W/"{digest.hexdigest()[:20]}"'}}
