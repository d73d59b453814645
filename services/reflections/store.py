"""Building and changing rows, and the prompts on offer (built in + the organisation's)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reflections.models import (
    Reflection,
    ReflectionLink,
    ReflectionPrompt,
    ReflectionTag,
)
from services.reflections.prompts import BUILT_IN, Prompt


def new_reflection(author_id: str, team: str | None, clean: dict, at: datetime) -> Reflection:
    reflection = Reflection(id=str(uuid.uuid4()), author_id=author_id, team=team,
                            created_at=at, updated_at=at)
    apply(reflection, clean)
    return reflection


def apply(reflection: Reflection, clean: dict) -> None:
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


def new_prompt(clean: dict, created_by: str, at: datetime) -> ReflectionPrompt:
    return ReflectionPrompt(id=str(uuid.uuid4()), title=clean["title"],
                            description=clean["description"], archived=False,
                            questions=json.dumps(clean["questions"]), created_by=created_by,
                            created_at=at)


def prompt_of(row: ReflectionPrompt) -> Prompt:
    return Prompt(row.id, row.title, row.description, tuple(json.loads(row.questions)))


def prompts(session: Session, include_archived: bool = False) -> list[Prompt]:
    query = select(ReflectionPrompt).order_by(ReflectionPrompt.created_at)
    if not include_archived:
        query = query.where(ReflectionPrompt.archived.is_(False))
    return [*BUILT_IN, *(prompt_of(row) for row in session.scalars(query).all())]
