"""Queries and writes of the ideas service that need more than one statement.

Vote counts stay exact under concurrency: the idea row is locked (FOR UPDATE on
PostgreSQL; SQLite has one writer at a time), a vote is an insert that ignores the
primary-key conflict, and `vote_count` is recounted from `idea_votes` in that transaction.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from services.ideas.domain import IdeaStatus
from services.ideas.models import Idea, IdeaTag, StatusChange, Vote
from shared.clock import now
from shared.contracts.ideas import IdeaStatusChanged
from shared.errors import NotFound

VOTES = Vote.__table__


def find_idea(session: Session, idea_id: str, *, lock: bool = False) -> Idea:
    query = select(Idea).where(Idea.id == str(idea_id))
    if lock:
        query = query.with_for_update()
    idea = session.scalar(query)
    if idea is None:
        raise NotFound("no idea with this id")
    return idea


def lock_ideas(session: Session, ids: list[str]) -> dict[str, Idea]:
    """Locks the rows in id order (so two merges never wait on each other crosswise)."""
    return {i: find_idea(session, i, lock=True) for i in sorted(set(ids))}


def record_status(session: Session, idea: Idea, to: str, by: str, reason: str | None,
                  at: datetime | None = None) -> StatusChange:
    at = at or now()
    change = StatusChange(idea_id=idea.id, from_status=idea.status, to_status=to,
                          changed_by=by, reason=reason, changed_at=at)
    idea.status, idea.updated_at = to, at
    session.add(change)
    return change


def _insert_ignoring_conflict(session: Session, values: dict) -> bool:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(VOTES).values(**values).on_conflict_do_nothing(
        index_elements=["idea_id", "voter_id"]).returning(VOTES.c.voter_id)
    return session.execute(statement).first() is not None


def cast_vote(session: Session, idea: Idea, voter_id: str) -> bool:
    """True when the vote is new; the idea must be locked by the caller."""
    added = _insert_ignoring_conflict(
        session, {"idea_id": idea.id, "voter_id": voter_id, "voted_at": now()})
    recount_votes(session, idea)
    return added


def withdraw_vote(session: Session, idea: Idea, voter_id: str) -> bool:
    removed = session.execute(
        delete(VOTES).where(VOTES.c.idea_id == idea.id, VOTES.c.voter_id == voter_id)).rowcount
    recount_votes(session, idea)
    return removed == 1


def recount_votes(session: Session, idea: Idea) -> int:
    count = session.scalar(select(func.count()).select_from(Vote).where(Vote.idea_id == idea.id))
    idea.vote_count = count
    session.flush()
    return count


def move_votes(session: Session, duplicate: Idea, into: Idea) -> None:
    """The canonical idea keeps the union of both voter sets; the duplicate keeps none."""
    already = select(Vote.voter_id).where(Vote.idea_id == into.id)
    session.execute(
        update(Vote).where(Vote.idea_id == duplicate.id, Vote.voter_id.not_in(already))
        .values(idea_id=into.id).execution_options(synchronize_session=False))
    session.execute(delete(Vote).where(Vote.idea_id == duplicate.id))
    recount_votes(session, duplicate)
    recount_votes(session, into)


def votes_of(session: Session, voter_id: str, idea_ids: list[str]) -> list[bool]:
    voted = set(session.scalars(
        select(Vote.idea_id).where(Vote.voter_id == voter_id, Vote.idea_id.in_(idea_ids))))
    return [i in voted for i in idea_ids]


ORDERS = {
    "NEWEST": (Idea.created_at.desc(), Idea.id.desc()),
    "TOP_VOTED": (Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id.desc()),
    "PRIORITY": (Idea.priority_rank.is_(None), Idea.priority_rank, Idea.priority.desc(),
                 Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id.desc()),
}


def _conditions(flt: dict) -> list:
    status = flt.get("status")
    where = [Idea.status == status if status else Idea.status != IdeaStatus.DUPLICATE]
    if "campaign_id" in flt:
        where.append(Idea.campaign_id == flt["campaign_id"])
    if "author_id" in flt:
        where.append(Idea.author_id == flt["author_id"])
    if "tag" in flt:
        where.append(exists().where(IdeaTag.idea_id == Idea.id, IdeaTag.tag == flt["tag"]))
    for word in flt.get("search", "").split():
        where.append(or_(*(func.lower(column).contains(word, autoescape=True)
                           for column in (Idea.title, Idea.problem, Idea.proposal))))
    return where


def listing(session: Session, flt: dict, order: str, offset: int,
            limit: int) -> tuple[list[Idea], int]:
    """Up to limit+1 ideas from `offset` (so the caller knows whether more follow), and the
    total. Without a status filter, DUPLICATE ideas are left out: they live on in their
    canonical idea."""
    where = _conditions(flt)
    total = session.scalar(select(func.count()).select_from(Idea).where(*where))
    rows = session.scalars(select(Idea).where(*where).order_by(*ORDERS[order])
                           .offset(offset).limit(limit + 1)).all()
    return list(rows), total


def move(db, idea: Idea, to: str, by: str, reason: str | None) -> None:
    """Moves `idea` (already checked against the workflow), records it and emits the event.
    `db` is the worker's shared.db.Db."""
    from_status = idea.status
    change = record_status(db.session, idea, to, by, reason)
    db.emit(IdeaStatusChanged(
        idea_id=idea.id, title=idea.title, author_id=idea.author_id, from_status=from_status,
        to_status=to, reason=reason, changed_by=by, changed_at=change.changed_at.isoformat(),
    ))
