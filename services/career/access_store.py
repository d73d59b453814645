"""Queries and writes of signing in and of access tokens: people by their provider
identity, just-in-time people, and tokens found by the hash of their secret."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.career import tokens
from services.career.identities import SignInClaims
from services.career.models import AccessToken, Person, SignInIdentity
from shared.clock import now, today
from shared.errors import NotFound


def person_by_identity(session: Session, issuer: str, subject: str) -> Person | None:
    link = session.get(SignInIdentity, (issuer, subject))
    return session.get(Person, link.person_id) if link else None


def person_by_external_id(session: Session, external_id: str) -> Person | None:
    """The provisioned person an identity provider gave this externalId (Okta's is the
    user's id, its tokens' subject)."""
    return session.scalar(select(Person).where(Person.external_id == external_id,
                                               Person.deprovisioned_at.is_(None)))


def link_identity(session: Session, person: Person, claims: SignInClaims) -> None:
    link = session.get(SignInIdentity, (claims.issuer, claims.subject))
    if link is None:
        link = SignInIdentity(issuer=claims.issuer, subject=claims.subject,
                              person_id=person.id, created_at=now())
        session.add(link)
    link.last_sign_in_at = now()


def add_person(session: Session, name: str, email: str, team: str | None) -> Person:
    person = Person(id=str(uuid.uuid4()), name=name, email=email, team=team, title="",
                    location="", roles="employee", created_at=now(), active=True)
    session.add(person)
    session.flush()
    return person


def apply_claims(person: Person, claims: SignInClaims, roles: list[str] | None) -> None:
    """What the provider says now wins: name, team (when it sends one), roles (when it
    sends groups)."""
    person.name = claims.name
    if claims.team:
        person.team = claims.team
    if roles is not None:
        person.roles = " ".join(roles)


def add_token(session: Session, kind: str, person_id: str | None, name: str,
              scopes: list[str], secret_hash: str, expires_on: date | None) -> AccessToken:
    token = AccessToken(id=str(uuid.uuid4()), kind=kind, person_id=person_id, name=name,
                        scopes=" ".join(scopes), secret_hash=secret_hash, created_at=now(),
                        expires_on=expires_on)
    session.add(token)
    session.flush()
    return token


def token_by_hash(session: Session, secret_hash: str) -> AccessToken | None:
    return session.scalar(select(AccessToken).where(AccessToken.secret_hash == secret_hash))


def tokens_of(session: Session, kind: str, person_id: str | None) -> list[AccessToken]:
    query = select(AccessToken).where(AccessToken.kind == kind)
    if person_id is not None:
        query = query.where(AccessToken.person_id == person_id)
    return list(session.scalars(query.order_by(AccessToken.created_at, AccessToken.id)))


def find_token(session: Session, token_id: str, kind: str) -> AccessToken:
    token = session.get(AccessToken, str(token_id))
    if token is None or token.kind != kind:
        raise NotFound(f"no token with id {token_id}")
    return token


def usable_token(session: Session, secret: str, kind: str) -> AccessToken:
    """The token of a secret, stamped as used; Unauthenticated for an unknown, other-kind,
    revoked or expired one."""
    token = token_by_hash(session, tokens.hash_secret(secret))
    state = token and tokens.TokenState(token.kind, token.revoked_at, token.expires_on)
    tokens.check_usable(state, kind, today())
    token.last_used_at = now()
    return token
