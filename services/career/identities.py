"""Rules of signing in through an identity provider, over typed values: which e-mail
domains may sign in, the roles a person's groups give, and who is refused."""
from __future__ import annotations

from dataclasses import dataclass

from shared.errors import PermissionDenied
from shared.identity import ROLES


@dataclass(frozen=True)
class SignInClaims:
    """What Kaizen reads of a verified token. `groups` is None when the token carries no
    groups claim: then the roles provisioned (SCIM, CSV) stay as they are."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    name: str
    team: str | None
    groups: tuple[str, ...] | None


def check_domain(email: str, allowed: tuple[str, ...]) -> None:
    """Raises PermissionDenied unless the e-mail's domain is allowed (any, when none is
    listed)."""
    domain = email.rpartition("@")[2].casefold()
    if allowed and domain not in allowed:
        raise PermissionDenied(f"people of {domain} cannot sign in to this Kaizen")


def check_active(active: bool) -> None:
    if not active:
        raise PermissionDenied("this account is deactivated: ask an administrator")


def roles_from_groups(groups: tuple[str, ...], role_groups: dict[str, str]) -> list[str]:
    """Everyone is an employee; each mapped group adds its role, in the order of ROLES."""
    given = {role_groups[g] for g in groups if g in role_groups}
    return ["employee", *[r for r in ROLES if r in given and r != "employee"]]


def check_email_match(claims: SignInClaims, taken: bool) -> None:
    """Only an e-mail the provider says it verified links an existing person; an unverified
    one that is already someone's is refused (neither a takeover nor a second person)."""
    if taken and not claims.email_verified:
        raise PermissionDenied("this e-mail belongs to a Kaizen person, but your identity "
                               "provider has not verified it")
