"""The reads behind the lists. The audience rule here is domain.can_read expressed in SQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from services.reflections.domain import Viewer, Visibility
from services.reflections.models import Reflection, ReflectionTag


def mine(viewer: Viewer) -> Select:
    return select(Reflection).where(Reflection.author_id == viewer.user_id)


def shared_with(viewer: Viewer) -> Select:
    """TEAM reflections of the viewer's team and every ORGANIZATION one; never a private
    one, not even the viewer's own (those are in `mine`)."""
    audience = Reflection.visibility == Visibility.ORGANIZATION
    if viewer.team:
        audience = or_(audience, (Reflection.visibility == Visibility.TEAM)
                       & (Reflection.team == viewer.team))
    return select(Reflection).where(audience)


def filtered(query: Select, flt: dict) -> Select:
    if flt["tag"]:
        query = query.where(_tagged(lambda tag: tag == flt["tag"]))
    if flt["search"]:
        term = flt["search"]
        query = query.where(or_(Reflection.body.icontains(term, autoescape=True),
                                _tagged(lambda tag: tag.icontains(term, autoescape=True))))
    if flt["from"]:
        query = query.where(Reflection.created_at >= flt["from"])
    if flt["to"]:
        query = query.where(Reflection.created_at <= flt["to"])
    return query


def _tagged(condition):
    return exists().where(ReflectionTag.reflection_id == Reflection.id,
                          condition(ReflectionTag.tag))


def fetch_page(session: Session, query: Select, offset: int, limit: int
               ) -> tuple[list[Reflection], int]:
    """Up to limit+1 rows from offset, newest first, and the total of the whole query."""
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(Reflection.created_at.desc(), Reflection.id.desc())
                           .offset(offset).limit(limit + 1)).all()
    return list(rows), total


def oldest_first(session: Session, query: Select) -> list[Reflection]:
    return list(session.scalars(query.order_by(Reflection.created_at, Reflection.id)).all())


def written_at(session: Session, author_id: str) -> list[datetime]:
    return list(session.scalars(select(Reflection.created_at)
                                .where(Reflection.author_id == author_id)).all())
