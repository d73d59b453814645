"""Every query and write of the reflections service, and the prompts on offer (built in
and the organisation's). The audience of `shared_with` is domain.can_read in SQL."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from services.reflections.domain import Viewer, Visibility
from services.reflections.models import (
    Reflection,
    ReflectionLink,
    ReflectionPrompt,
    ReflectionTag,
)
from services.reflections.prompts import BUILT_IN, Prompt, PromptDraft
from services.reflections.validation import ListFilter, ReflectionFields
from shared.errors import NotFound


def get_reflection(session: Session, reflection_id: str) -> Reflection | None:
    """None when unknown: the domain answers unknown and unreadable ids alike."""
    return session.get(Reflection, str(reflection_id))


def reflections_by_id(session: Session, ids: list[str]) -> list[Reflection]:
    return list(session.scalars(select(Reflection).where(Reflection.id.in_(ids))).all())


def add_reflection(session: Session, author_id: str, team: str | None,
                   clean: ReflectionFields, at: datetime) -> Reflection:
    reflection = Reflection(id=str(uuid.uuid4()), author_id=author_id, team=team,
                            created_at=at, updated_at=at)
    apply(reflection, clean)
    session.add(reflection)
    return reflection


def delete_reflection(session: Session, reflection: Reflection) -> None:
    """The row with its tags and links."""
    session.delete(reflection)


def apply(reflection: Reflection, clean: ReflectionFields) -> None:
    """Sets the cleaned fields given; tags and links are replaced as a whole."""
    for key in ("body", "prompt_id", "mood", "visibility"):
        if key in clean:
            setattr(reflection, key, clean[key])
    if "tags" in clean:
        reflection.tags = [ReflectionTag(tag=t, position=i) for i, t in enumerate(clean["tags"])]
    if "links" in clean:
        reflection.links = [ReflectionLink(kind=link["kind"], target_id=link["id"], position=i)
                            for i, link in enumerate(clean["links"])]


def tags_of(reflection: Reflection) -> list[str]:
    return [t.tag for t in reflection.tags]


# --- lists ----------------------------------------------------------------------------

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


def filtered(query: Select, flt: ListFilter) -> Select:
    if flt.tag:
        query = query.where(_tagged(lambda tag: tag == flt.tag))
    if flt.search:
        term = flt.search
        query = query.where(or_(Reflection.body.icontains(term, autoescape=True),
                                _tagged(lambda tag: tag.icontains(term, autoescape=True))))
    if flt.since:
        query = query.where(Reflection.created_at >= flt.since)
    if flt.until:
        query = query.where(Reflection.created_at <= flt.until)
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


# --- prompts --------------------------------------------------------------------------

def add_prompt(session: Session, draft: PromptDraft, created_by: str, at: datetime
               ) -> ReflectionPrompt:
    prompt = ReflectionPrompt(id=str(uuid.uuid4()), title=draft.title,
                              description=draft.description, archived=False,
                              questions=json.dumps(list(draft.questions)),
                              created_by=created_by, created_at=at)
    session.add(prompt)
    return prompt


def prompt_of(row: ReflectionPrompt) -> Prompt:
    return Prompt(row.id, row.title, row.description, tuple(json.loads(row.questions)))


def prompts(session: Session, include_archived: bool = False) -> list[Prompt]:
    query = select(ReflectionPrompt).order_by(ReflectionPrompt.created_at)
    if not include_archived:
        query = query.where(ReflectionPrompt.archived.is_(False))
    return [*BUILT_IN, *(prompt_of(row) for row in session.scalars(query).all())]


def prompt_ids(session: Session) -> set[str]:
    """The prompts a new reflection may name: built in and the organisation's on offer."""
    return {prompt.id for prompt in prompts(session)}


def find_offered_prompt(session: Session, prompt_id: str) -> ReflectionPrompt:
    """An organisation prompt still on offer (built-in ones are not rows)."""
    prompt = session.get(ReflectionPrompt, prompt_id)
    if prompt is None or prompt.archived:
        raise NotFound("no organisation prompt with that id")
    return prompt
