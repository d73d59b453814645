"""Inputs of reflections, and the service's fields made from them."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from gateway.reflections.types import ReflectionLinkKind, Visibility


@strawberry.input
class ReflectionLinkInput:
    kind: ReflectionLinkKind
    id: strawberry.ID


@strawberry.input
class WriteReflectionInput:
    body: str
    prompt_id: strawberry.ID | None = None
    tags: list[str] = strawberry.field(default_factory=list)
    mood: int | None = None
    visibility: Visibility = Visibility.PRIVATE
    links: list[ReflectionLinkInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given change; `mood: null` clears the mood.")
class UpdateReflectionInput:
    body: str | None = strawberry.UNSET
    prompt_id: strawberry.ID | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    mood: int | None = strawberry.UNSET
    visibility: Visibility | None = strawberry.UNSET
    links: list[ReflectionLinkInput] | None = strawberry.UNSET


@strawberry.input
class ReflectionFilter:
    tag: str | None = None
    search: str | None = strawberry.field(default=None, description="Words in body or tags.")
    from_: datetime | None = strawberry.field(name="from", default=None)
    to: datetime | None = None


@strawberry.input
class CreateReflectionPromptInput:
    title: str
    questions: list[str]
    description: str = ""


def reflection_fields(input: WriteReflectionInput | UpdateReflectionInput) -> dict:
    """The service's fields from an input, leaving out what an update did not give."""
    fields = {}
    for name in ("body", "prompt_id", "tags", "mood", "visibility", "links"):
        value = getattr(input, name)
        if value is strawberry.UNSET:
            continue
        if isinstance(value, Enum):
            value = value.value
        elif name == "links" and value is not None:
            value = [{"kind": link.kind.value, "id": str(link.id)} for link in value]
        fields[name] = value
    return fields


def filter_fields(flt: ReflectionFilter | None) -> dict | None:
    if flt is None:
        return None
    return {"tag": flt.tag, "search": flt.search, "to": flt.to and flt.to.isoformat(),
            "from": flt.from_ and flt.from_.isoformat()}
