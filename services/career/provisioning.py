"""Rules of SCIM provisioning over typed values: what a User document says of a person (name,
e-mail, external id, whether active), and what groups make of their members: a group whose
displayName is mapped in KAIZEN_OIDC_ROLE_GROUPS (the mapping sign-in reads the groups claim
with) grants its role; any other group is a team, and a person's team is the team group
they joined last."""
from __future__ import annotations

from dataclasses import dataclass

from services.career.identities import roles_from_groups

NAME_MAX, TEAM_MAX, EMAIL_MAX, ID_MAX = 120, 80, 254, 255


@dataclass(frozen=True)
class UserFields:
    """The columns a User document sets. `email` is None when the document names none (no
    e-mail in `emails`, and a userName that is not one)."""

    user_name: str
    email: str | None
    name: str
    external_id: str | None
    title: str
    active: bool


def user_fields(document: dict) -> UserFields:
    """`document` as scim2-models dumps a User (camelCase keys, absent values left out)."""
    user_name = document["userName"].strip()
    return UserFields(user_name=user_name, email=email_of(document), name=name_of(document),
                      external_id=document.get("externalId"),
                      title=(document.get("title") or "")[:NAME_MAX],
                      active=document.get("active", True) is not False)


def too_long(fields: UserFields) -> str | None:
    """What is too long to keep (name and title are cut to fit instead)."""
    limits = {"userName": (fields.user_name, ID_MAX), "externalId": (fields.external_id, ID_MAX),
              "emails": (fields.email, EMAIL_MAX)}
    over = [f"{name}: at most {limit} characters" for name, (value, limit) in limits.items()
            if value and len(value) > limit]
    return "; ".join(over) or None


def email_of(document: dict) -> str | None:
    """The primary e-mail, else the first one, else a userName that is an e-mail."""
    emails = [e for e in document.get("emails") or [] if e.get("value")]
    emails.sort(key=lambda e: not e.get("primary"))
    value = emails[0]["value"] if emails else document["userName"]
    value = value.strip().casefold()
    return value if "@" in value.strip("@") else None


def name_of(document: dict) -> str:
    """displayName, else name.formatted, else givenName and familyName, else the userName."""
    name = document.get("name") or {}
    given = " ".join(p for p in (name.get("givenName"), name.get("familyName")) if p)
    chosen = (document.get("displayName") or name.get("formatted") or given
              or document["userName"])
    return " ".join(chosen.split())[:NAME_MAX]


def is_role_group(display_name: str, role_groups: dict[str, str]) -> bool:
    return display_name in role_groups


def roles_of(group_names: list[str], role_groups: dict[str, str]) -> list[str]:
    """A member's roles from all their groups: employee, plus each mapped group's role."""
    return roles_from_groups(tuple(group_names), role_groups)


def team_of(team_groups_by_joining: list[str]) -> str | None:
    """A member's team: the team group they joined last (an IdP moves a person by adding
    them to the new group, then removing them from the old one); None when in none."""
    return team_groups_by_joining[-1][:TEAM_MAX] if team_groups_by_joining else None
