"""Every query and write of the ideas service: `find_x` raises NotFound, `lock=True` takes
the row lock, batch reads take a list of ids.

Vote counts stay exact under concurrency: the idea row is locked (FOR UPDATE on
PostgreSQL; SQLite has one writer at a time), a vote is an insert that ignores the
primary-key conflict, and `vote_count` is recounted from `idea_votes` in that transaction.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from services.ideas.domain import IdeaStatus
from services.ideas.models import (
    Campaign,
    Comment,
    ExperimentLink,
    Idea,
    IdeaTag,
    ReviewSettings,
    StatusChange,
    Vote,
)
from services.ideas.validation import (
    CampaignFields,
    IdeaFilter,
    IdeaText,
    IndexPage,
    Submission,
)
from shared.clock import now
from shared.contracts.ideas import IdeaStatusChanged
from shared.errors import NotFound
from shared.sql import insert_for

VOTES = Vote.__table__
TEXT_FIELDS = ("title", "problem", "proposal", "benefit", "area")


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


def lock_pair(session: Session, idea_id: str, into_id: str) -> tuple[Idea, Idea]:
    """(the idea, the idea to merge it into), both locked; NotFound names the one missing."""
    try:
        found = lock_ideas(session, [idea_id, into_id])
    except NotFound:
        missing = "the idea to merge into" if session.get(Idea, idea_id) else "idea"
        raise NotFound(f"no {missing} with this id") from None
    return found[idea_id], found[into_id]


def ideas_by_id(session: Session, ids: list[str]) -> list[Idea]:
    return list(session.scalars(select(Idea).where(Idea.id.in_(ids))))


def _counts(session: Session, column, ids: list[str]) -> dict[str, int]:
    """How many rows have each of `ids` in `column` (absent: none)."""
    if not ids:
        return {}
    return dict(session.execute(select(column, func.count()).where(column.in_(ids))
                                .group_by(column)).all())


def comment_counts(session: Session, idea_ids: list[str]) -> dict[str, int]:
    return _counts(session, Comment.idea_id, idea_ids)


def duplicate_ids(session: Session, idea_ids: list[str]) -> dict[str, list[str]]:
    """The ideas merged into each, oldest first."""
    found: dict[str, list[str]] = defaultdict(list)
    if idea_ids:
        for into_id, dup_id in session.execute(select(Idea.duplicate_of_id, Idea.id)
                                               .where(Idea.duplicate_of_id.in_(idea_ids))
                                               .order_by(Idea.created_at, Idea.id)):
            found[into_id].append(dup_id)
    return found


def idea_counts(session: Session, campaign_ids: list[str]) -> dict[str, int]:
    return _counts(session, Idea.campaign_id, campaign_ids)


def idea_from_reflection(session: Session, reflection_id: str) -> Idea | None:
    return session.scalar(select(Idea).where(Idea.source_reflection_id == reflection_id))


def idea_from_source_ref(session: Session, source_ref: str) -> Idea | None:
    return session.scalar(select(Idea).where(Idea.source_ref == source_ref))


def add_idea(session: Session, submission: Submission, author_id: str, at: datetime) -> Idea:
    """A new SUBMITTED idea with the first row of its history."""
    fields = {k: v for k, v in asdict(submission).items() if k != "tags"}
    idea = Idea(id=str(uuid.uuid4()), **fields, status=IdeaStatus.SUBMITTED,
                author_id=author_id, vote_count=0, created_at=at, updated_at=at,
                tags=[IdeaTag(tag=t, position=i) for i, t in enumerate(submission.tags)])
    session.add(idea)
    session.add(StatusChange(idea_id=idea.id, from_status=None, to_status=idea.status,
                             changed_by=author_id, changed_at=at))
    return idea


def write_text(session: Session, idea: Idea, text: IdeaText) -> None:
    for key in TEXT_FIELDS:
        setattr(idea, key, getattr(text, key))
    idea.tags.clear()
    session.flush()
    idea.tags.extend(IdeaTag(tag=t, position=i) for i, t in enumerate(text.tags))
    idea.updated_at = now()


def add_comment(session: Session, idea: Idea, author_id: str, body: str) -> Comment:
    stamp = now()
    comment = Comment(id=str(uuid.uuid4()), idea_id=idea.id, author_id=author_id,
                      body=body, created_at=stamp, updated_at=stamp)
    session.add(comment)
    return comment


def find_comment(session: Session, comment_id: str) -> Comment:
    comment = session.get(Comment, str(comment_id))
    if comment is None:
        raise NotFound("no comment with this id")
    return comment


def delete_comment(session: Session, comment: Comment) -> None:
    session.delete(comment)


def comments_of(session: Session, idea_ids: list[str]) -> list[Comment]:
    """Oldest first."""
    return list(session.scalars(select(Comment).where(Comment.idea_id.in_(idea_ids))
                                .order_by(Comment.created_at, Comment.id)))


def history_of(session: Session, idea_ids: list[str]) -> list[StatusChange]:
    return list(session.scalars(select(StatusChange).where(StatusChange.idea_id.in_(idea_ids))
                                .order_by(StatusChange.seq)))


def experiment_links_of(session: Session, idea_ids: list[str]) -> list[ExperimentLink]:
    """Started ones first, by start; then the ones not started yet."""
    return list(session.scalars(
        select(ExperimentLink).where(ExperimentLink.idea_id.in_(idea_ids))
        .order_by(ExperimentLink.started_at.is_(None), ExperimentLink.started_at,
                  ExperimentLink.experiment_id)))


def lock_linked(session: Session, idea_id: str | None,
                experiment_id: str) -> tuple[Idea, ExperimentLink] | None:
    """The idea an experiment event is about, locked, with its link to the experiment (added
    when new); None when the experiment has no idea or the idea is unknown here."""
    idea = session.get(Idea, idea_id, with_for_update=True) if idea_id else None
    if idea is None:
        return None
    link = session.get(ExperimentLink, (idea.id, experiment_id))
    if link is None:
        link = ExperimentLink(idea_id=idea.id, experiment_id=experiment_id, title="")
        session.add(link)
    return idea, link


def add_campaign(session: Session, fields: CampaignFields, by: str) -> Campaign:
    campaign = Campaign(id=str(uuid.uuid4()), **asdict(fields), created_by=by,
                        created_at=now())
    session.add(campaign)
    return campaign


def campaign_or_none(session: Session, campaign_id: str) -> Campaign | None:
    return session.get(Campaign, str(campaign_id))


def find_campaign(session: Session, campaign_id: str) -> Campaign:
    campaign = campaign_or_none(session, campaign_id)
    if campaign is None:
        raise NotFound("no campaign with this id")
    return campaign


def campaigns_by_id(session: Session, ids: list[str]) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.id.in_(ids))))


def all_campaigns(session: Session) -> list[Campaign]:
    """The latest start first (a handful a year: no paging)."""
    return list(session.scalars(
        select(Campaign).order_by(Campaign.starts_on.desc(), Campaign.created_at.desc())))


def record_status(session: Session, idea: Idea, to: str, by: str, reason: str | None,
                  at: datetime | None = None) -> StatusChange:
    at = at or now()
    change = StatusChange(idea_id=idea.id, from_status=idea.status, to_status=to,
                          changed_by=by, reason=reason, changed_at=at)
    idea.status, idea.updated_at = to, at
    session.add(change)
    return change


def _insert_ignoring_conflict(session: Session, values: dict) -> bool:
    statement = insert_for(session)(VOTES).values(**values).on_conflict_do_nothing(
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


def _conditions(flt: IdeaFilter) -> list:
    status = flt.status
    where = [Idea.status == status if status else Idea.status != IdeaStatus.DUPLICATE]
    if flt.campaign_id is not None:
        where.append(Idea.campaign_id == flt.campaign_id)
    if flt.author_id is not None:
        where.append(Idea.author_id == flt.author_id)
    if flt.tag is not None:
        where.append(exists().where(IdeaTag.idea_id == Idea.id, IdeaTag.tag == flt.tag))
    for word in flt.search.split():
        where.append(or_(*(func.lower(column).contains(word, autoescape=True)
                           for column in (Idea.title, Idea.problem, Idea.proposal))))
    return where


def listing(session: Session, flt: IdeaFilter, order: str, offset: int,
            limit: int) -> tuple[list[Idea], int]:
    """Up to limit+1 ideas from `offset` (so the caller knows whether more follow), and the
    total. Without a status filter, DUPLICATE ideas are left out: they live on in their
    canonical idea."""
    where = _conditions(flt)
    total = session.scalar(select(func.count()).select_from(Idea).where(*where))
    rows = session.scalars(select(Idea).where(*where).order_by(*ORDERS[order])
                           .offset(offset).limit(limit + 1)).all()
    return list(rows), total


INDEXED = (Idea.id, Idea.title, Idea.problem, Idea.proposal, Idea.status, Idea.author_id,
           Idea.created_at)


def ideas_to_index(session: Session, window: IndexPage) -> list[Row]:
    """Up to first+1 ideas (INDEXED columns, DUPLICATE ones left out as in `listing`) after
    `window.after` in (created_at, id) order: a keyset read on the created_at index, so a
    page costs the same at any depth, and an idea submitted meanwhile comes last."""
    query = select(*INDEXED).where(Idea.status != IdeaStatus.DUPLICATE)
    if window.after is not None:
        at, idea_id = window.after
        query = query.where(Idea.created_at >= at,
                            or_(Idea.created_at > at, Idea.id > idea_id))
    return list(session.execute(query.order_by(Idea.created_at, Idea.id)
                                .limit(window.first + 1)))


def count_to_index(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Idea).where(
        Idea.status != IdeaStatus.DUPLICATE))


def tags_of(session: Session, idea_ids: list[str]) -> dict[str, list[str]]:
    """Each idea's tags in their order (absent: none)."""
    found: dict[str, list[str]] = defaultdict(list)
    for idea_id, tag in session.execute(select(IdeaTag.idea_id, IdeaTag.tag).where(
            IdeaTag.idea_id.in_(idea_ids)).order_by(IdeaTag.idea_id, IdeaTag.position)):
        found[idea_id].append(tag)
    return found


def move(db, idea: Idea, to: str, by: str, reason: str | None) -> None:
    """Moves `idea` (already checked against the workflow), records it and emits the event.
    `db` is the worker's shared.db.Db."""
    from_status = idea.status
    change = record_status(db.session, idea, to, by, reason)
    db.emit(IdeaStatusChanged(
        idea_id=idea.id, title=idea.title, author_id=idea.author_id, from_status=from_status,
        to_status=to, reason=reason, changed_by=by, changed_at=change.changed_at.isoformat(),
    ))


def merge(db, duplicate: Idea, into: Idea, by: str) -> None:
    """Makes `duplicate` (checked by domain.check_merge) DUPLICATE of `into`, which gets the
    union of the voters; emits the status change (the caller emits idea_merged)."""
    move_votes(db.session, duplicate, into)
    duplicate.duplicate_of_id = into.id
    move(db, duplicate, IdeaStatus.DUPLICATE, by, f"merged into '{into.title}'")


def review_settings(session: Session) -> ReviewSettings:
    """The review settings; the defaults (no self-review) until an admin changes them."""
    found = session.get(ReviewSettings, 1)
    return found or ReviewSettings(id=1, allow_self_review=False, changed_by=None,
                                   changed_at=None)


def save_review_settings(session: Session, allow_self_review: bool, by: str) -> ReviewSettings:
    settings = session.get(ReviewSettings, 1, with_for_update=True)
    if settings is None:
        settings = ReviewSettings(id=1)
        session.add(settings)
    settings.allow_self_review, settings.changed_by = allow_self_review, by
    settings.changed_at = now()
    session.flush()
    return settings
