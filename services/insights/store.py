"""Queries and writes of the insights service beyond the documents' own (documents.py) and
the themes' upkeep (theme_upkeep.py, theme_summaries.py): counters, theme reads, the rows a
search or a recommendation needs, dismissals and profiles."""
from __future__ import annotations

import json

from sqlalchemy import ColumnElement, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from services.insights.domain import IDEA, OPPORTUNITY, REFLECTION, THEMED_VISIBILITY
from services.insights.models import (
    Counter,
    Dismissal,
    Document,
    Profile,
    ReindexPushed,
    Theme,
    ThemeArea,
)
from shared.clock import now
from shared.sql import insert_for


def bump(session: Session, name: str = "rev", by: int = 1) -> int:
    """Increments counter `name` in this transaction and returns its new value."""
    counter = session.get(Counter, name, with_for_update=True)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    counter.value += by
    session.flush()
    return counter.value


def counter(session: Session, name: str) -> int:
    return session.scalar(select(Counter.value).where(Counter.name == name)) or 0


def reset(session: Session, name: str) -> None:
    session.execute(update(Counter).where(Counter.name == name).values(value=0))


def may_join_themes() -> ColumnElement[bool]:
    """domain.joins_themes as a filter on documents."""
    return or_(Document.kind != REFLECTION, Document.status == THEMED_VISIBILITY)


def shown(query):
    """Themes with a live idea or a shared reflection in them."""
    return query.where(or_(Theme.idea_count > 0, Theme.reflection_count > 0))


def shown_with_ids(session: Session, theme_ids: set[str]) -> list[Theme]:
    return list(session.scalars(shown(select(Theme)).where(Theme.id.in_(theme_ids))))


def largest(session: Session, first: int, unaddressed: bool | None = None) -> list[Theme]:
    """Largest first, then the most reflected on, from the stored summaries; `unaddressed`
    filters on domain.is_unaddressed."""
    query = shown(select(Theme))
    if unaddressed is True:
        query = query.where(Theme.reflection_count > 0, Theme.live_idea_count == 0)
    elif unaddressed is False:
        query = query.where(or_(Theme.reflection_count == 0, Theme.live_idea_count > 0))
    return list(session.scalars(query.order_by(
        Theme.idea_count.desc(), Theme.reflection_count.desc(), Theme.id).limit(first)))


def areas(session: Session, first: int, area_ids: set[str] | None = None
          ) -> list[tuple[ThemeArea, list[Theme]]]:
    """Areas with at least one shown theme, each with its shown themes largest first; the
    areas with the most live ideas first (ties: most themes, then id). `area_ids` limits
    them to those."""
    query = shown(select(Theme)).where(Theme.area_id.is_not(None))
    if area_ids is not None:
        query = query.where(Theme.area_id.in_(area_ids))
    grouped: dict[str, list[Theme]] = {}
    for theme in session.scalars(query.order_by(
            Theme.idea_count.desc(), Theme.reflection_count.desc(), Theme.id)):
        grouped.setdefault(theme.area_id, []).append(theme)
    found = session.scalars(select(ThemeArea).where(ThemeArea.id.in_(set(grouped)))).all()
    ranked = sorted(found, key=lambda a: (-sum(t.idea_count for t in grouped[a.id]),
                                          -len(grouped[a.id]), a.id))
    return [(area, grouped[area.id]) for area in ranked[:first]]


def themes_of_ideas(session: Session, idea_ids: list[str]) -> dict[str, str]:
    """The theme id of each live idea in a theme."""
    rows = session.execute(select(Document.id, Document.theme_id).where(
        Document.kind == IDEA, Document.id.in_(idea_ids), Document.active.is_(True))).all()
    return {doc_id: theme_id for doc_id, theme_id in rows if theme_id}


def documents(session: Session, kind: str, ids: list[str]) -> dict[str, Document]:
    return {r.id: r for r in session.scalars(select(Document).where(
        Document.kind == kind, Document.id.in_(ids)))}


def document(session: Session, kind: str, doc_id: str) -> Document | None:
    return session.get(Document, (kind, str(doc_id)))


def note_pushed(session: Session, keys: set[tuple[str, str]]) -> None:
    """(kind, id) of documents a reindex pushed back unchanged: tiny rows, where a new
    revision would rewrite each document's row with its embedding."""
    if keys:
        session.execute(insert_for(session)(ReindexPushed).on_conflict_do_nothing(),
                        [{"kind": kind, "id": doc_id} for kind, doc_id in keys])


def forget_pushed(session: Session) -> None:
    session.execute(delete(ReindexPushed))


def not_pushed_since(session: Session, kinds: list[str], rev: int) -> list[Document]:
    """Active documents of `kinds` no write has touched since `rev` and the running
    reindex did not note as pushed unchanged."""
    noted = exists().where(ReindexPushed.kind == Document.kind, ReindexPushed.id == Document.id)
    return list(session.scalars(select(Document).where(
        Document.kind.in_(kinds), Document.rev <= rev, Document.active.is_(True), ~noted)))


def own_opportunity_ids(session: Session, person_id: str) -> set[str]:
    return set(session.scalars(select(Document.id).where(
        Document.kind == OPPORTUNITY, Document.author_id == person_id)))


def dismissed_ids(session: Session, person_id: str) -> set[str]:
    return set(session.scalars(select(Dismissal.opportunity_id).where(
        Dismissal.person_id == person_id)))


def dismissed_opportunities(session: Session, person_id: str) -> list[Document]:
    """The opportunities the person is not interested in that still have an embedding (not
    a tombstone)."""
    rows = session.scalars(select(Document).join(
        Dismissal, Dismissal.opportunity_id == Document.id).where(
        Dismissal.person_id == person_id, Document.kind == OPPORTUNITY)).all()
    return [d for d in rows if d.embedding]


def dismiss(session: Session, person_id: str, opportunity_id: str) -> None:
    """Idempotent."""
    if session.get(Dismissal, (person_id, opportunity_id)) is None:
        session.add(Dismissal(person_id=person_id, opportunity_id=opportunity_id,
                              created_at=now()))


def recent_reflection_texts(session: Session, person_id: str, limit: int = 10) -> list[str]:
    """The person's latest shared reflections (what a profile text includes)."""
    return list(session.scalars(select(Document.text).where(
        Document.kind == REFLECTION, Document.author_id == person_id,
        Document.active.is_(True)).order_by(Document.created_at.desc()).limit(limit)))


def profile(session: Session, person_id: str) -> Profile | None:
    return session.get(Profile, person_id)


def drop_profile(session: Session, person_id: str) -> None:
    """A deactivated person's profile leaves the read model (profile_updated brings it
    back on reactivation)."""
    row = profile(session, person_id)
    if row is not None:
        session.delete(row)


def put_profile(session: Session, person_id: str, headline: str, skills: list[dict],
                interests: list[str], aspirations: str, mentoring_skills: list) -> None:
    """The person's latest profile (profile_updated fields); its name stays."""
    row = profile(session, person_id) or Profile(person_id=person_id)
    row.headline, row.aspirations = headline, aspirations
    row.skills, row.interests = json.dumps(skills), json.dumps(interests)
    row.mentoring_skills, row.updated_at = json.dumps(mentoring_skills), now()
    session.merge(row)
