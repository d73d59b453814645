"""Applications in the DB: expressing interest, withdrawing and deciding, with the
opportunity row locked while its capacity is checked and taken; and the reads of
applications and accepted places.

Locking: PostgreSQL takes ``SELECT ... FOR UPDATE`` on the opportunity, so concurrent
decisions on one opportunity queue there, and the count of accepted applications read after
it is current. SQLite has no row locks: the transaction's first statement writes the
opportunity row (bumps lock_version), which takes the database's write lock and waits for
any other writer, so the count read after it is current too. Either way the check and the
update are one transaction, committed by the caller.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.career import domain, store
from services.career.models import Application, Opportunity
from shared.clock import now
from shared.errors import Conflict, NotFound

ACCEPTED = domain.ApplicationStatus.ACCEPTED


def lock_opportunity(session: Session, opportunity_id: str) -> Opportunity:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Opportunity).where(Opportunity.id == opportunity_id)
                        .values(lock_version=Opportunity.lock_version + 1))
    opportunity = session.scalar(
        select(Opportunity).where(Opportunity.id == opportunity_id)
        .with_for_update().execution_options(populate_existing=True))
    if opportunity is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return opportunity


@contextmanager
def releasing_on_error(session: Session) -> Iterator[None]:
    """Rolls back at once when a rule refuses: nameko sends the error reply before the
    worker's session is closed, and the lock must not be held while that reply goes out
    (a SQLite write lock held across that yield stalls every other writer)."""
    try:
        yield
    except Exception:
        session.rollback()
        raise


def accepted_count(session: Session, opportunity_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Application).where(
        Application.opportunity_id == opportunity_id, Application.status == ACCEPTED)) or 0


def accepted_counts(session: Session, ids: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(Application.opportunity_id, func.count())
        .where(Application.opportunity_id.in_(ids), Application.status == ACCEPTED)
        .group_by(Application.opportunity_id)).all()
    return dict(rows)


def application_of(session: Session, opportunity_id: str, applicant_id: str
                   ) -> Application | None:
    return session.scalar(select(Application).where(
        Application.opportunity_id == str(opportunity_id),
        Application.applicant_id == applicant_id))


def reload(session: Session, application_id: str) -> Application:
    return session.scalar(select(Application).where(Application.id == application_id)
                          .execution_options(populate_existing=True))


def applications_of(session: Session, applicant_id: str) -> list[Application]:
    return list(session.scalars(
        select(Application).where(Application.applicant_id == applicant_id)
        .order_by(Application.created_at.desc(), Application.id)).all())


def applications_for(session: Session, opportunity_ids: list[str], viewer_id: str,
                     sees_all: bool) -> list[Application]:
    """Of these opportunities: all applications, or those on the viewer's own opportunities
    and the viewer's own applications. Oldest first."""
    query = select(Application).join(Opportunity).where(
        Application.opportunity_id.in_(opportunity_ids))
    if not sees_all:
        query = query.where(or_(Opportunity.owner_id == viewer_id,
                                Application.applicant_id == viewer_id))
    return list(session.scalars(query.order_by(Application.created_at, Application.id)).all())


def express_interest(session: Session, opportunity_id: str, applicant_id: str, note: str,
                     today: date) -> Application:
    opportunity = store.find_opportunity(session, opportunity_id)
    existing = application_of(session, opportunity.id, applicant_id)
    domain.check_interest(opportunity, applicant_id, existing.status if existing else None,
                          today)
    stamp = now()
    if existing is None:
        existing = Application(id=str(uuid.uuid4()), opportunity_id=opportunity.id,
                               applicant_id=applicant_id, created_at=stamp)
        session.add(existing)
    existing.note, existing.status, existing.message = note, domain.ApplicationStatus.PENDING, ""
    existing.updated_at, existing.decided_at = stamp, None
    try:
        session.flush()
    except IntegrityError:  # the same person, twice at once: the other one won
        session.rollback()
        raise Conflict("you already expressed interest in this opportunity") from None
    return existing


def withdraw(session: Session, opportunity_id: str, applicant_id: str) -> Application:
    application = application_of(session, opportunity_id, applicant_id)
    if application is None:
        store.find_opportunity(session, opportunity_id)
        raise Conflict("you have not expressed interest in this opportunity")
    with releasing_on_error(session):
        lock_opportunity(session, application.opportunity_id)
        application = reload(session, application.id)
        application.status = domain.check_withdraw(application.status)
        application.updated_at = now()
    return application


def decide(session: Session, application_id: str, decision: str, message: str,
           user_id: str, is_admin: bool) -> Application:
    application = store.find_application(session, application_id)
    with releasing_on_error(session):
        opportunity = lock_opportunity(session, application.opportunity_id)
        domain.may_change_opportunity(opportunity.owner_id, user_id, is_admin)
        application = reload(session, application.id)
        application.status = domain.check_decision(
            decision, application.status, opportunity.status,
            accepted_count(session, opportunity.id), opportunity.capacity)
        application.message, application.updated_at = message, now()
        application.decided_at = application.updated_at
        session.flush()
    return application


def withdraw_open_of(session: Session, applicant_id: str) -> list[Application]:
    """Withdraws the applicant's open applications (domain.is_open_application), each with
    its opportunity locked as a decision on it would be; the ones withdrawn."""
    rows = session.execute(select(Application.id, Application.opportunity_id)
                           .where(Application.applicant_id == applicant_id)
                           .order_by(Application.opportunity_id)).all()
    withdrawn = []
    for application_id, opportunity_id in rows:
        opportunity = lock_opportunity(session, opportunity_id)
        application = reload(session, application_id)
        if domain.is_open_application(application.status, opportunity.status):
            application.status, application.updated_at = domain.ApplicationStatus.WITHDRAWN, now()
            withdrawn.append(application)
    session.flush()
    return withdrawn
