"""Applications against the DB: expressing interest, withdrawing and deciding, with the
opportunity row locked while its capacity is checked and taken.

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

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.career import domain
from services.career.api.common import get_or_404
from services.career.models import Application, Opportunity
from shared.clock import now
from shared.errors import Conflict, NotFound


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


def accepted_count(session: Session, opportunity_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Application).where(
        Application.opportunity_id == opportunity_id,
        Application.status == domain.ApplicationStatus.ACCEPTED)) or 0


def reload(session: Session, application_id: str) -> Application:
    return session.scalar(select(Application).where(Application.id == application_id)
                          .execution_options(populate_existing=True))


def express_interest(session: Session, opportunity_id: str, applicant_id: str, note: str,
                     today: date) -> Application:
    opportunity = get_or_404(session, Opportunity, opportunity_id, "opportunity")
    existing = session.scalar(select(Application).where(
        Application.opportunity_id == opportunity.id,
        Application.applicant_id == applicant_id))
    domain.check_interest({"owner_id": opportunity.owner_id, "status": opportunity.status,
                           "closes_on": opportunity.closes_on}, applicant_id,
                          existing.status if existing else None, today)
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
    application = session.scalar(select(Application).where(
        Application.opportunity_id == str(opportunity_id),
        Application.applicant_id == applicant_id))
    if application is None:
        get_or_404(session, Opportunity, opportunity_id, "opportunity")
        raise Conflict("you have not expressed interest in this opportunity")
    with releasing_on_error(session):
        lock_opportunity(session, application.opportunity_id)
        application = reload(session, application.id)
        application.status = domain.check_withdraw(application.status)
        application.updated_at = now()
    return application


def decide(session: Session, application_id: str, decision: str, message: str,
           user_id: str, is_admin: bool) -> Application:
    application = get_or_404(session, Application, application_id, "application")
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
