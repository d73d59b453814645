"""A mentoring session with its agenda, notes and action items as GraphQL types; the
agenda, notes and action items are null for a reader outside the pair."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.action_items import ActionItem
from gateway.context import Info
from gateway.iso import moment
from gateway.notes import NoteVisibility

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class AgendaItem:
    id: strawberry.ID
    text: str
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)


@strawberry.type(description="Private: its author reads it; shared: the pair does.")
class SessionNote:
    id: strawberry.ID
    body: str
    visibility: NoteVisibility
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)


@strawberry.type
class MentoringSession:
    id: strawberry.ID
    at: datetime
    duration_minutes: int
    held: bool = strawberry.field(description="True once its start has passed")
    agenda: list[AgendaItem] | None
    notes: list[SessionNote] | None = strawberry.field(
        description="Your own notes and the shared ones; null outside the pair")
    action_items: list[ActionItem] | None = strawberry.field(
        description="Agreed in this session")
    carried_action_items: list[ActionItem] | None = strawberry.field(
        description="From earlier sessions, still open when this one began")

    @strawberry.field(description="The session as an iCalendar (.ics) file; the pair only.")
    async def ics(self, info: Info) -> str:
        return await info.context.query("career", "session_ics", str(self.id))

    @classmethod
    def from_dto(cls, dto: dict) -> MentoringSession:
        def items(key):
            return None if dto[key] is None else [ActionItem.from_dto(i) for i in dto[key]]
        return cls(
            id=strawberry.ID(dto["id"]), at=moment(dto["at"]),
            duration_minutes=dto["duration_minutes"], held=dto["held"],
            agenda=None if dto["agenda"] is None else [
                AgendaItem(id=strawberry.ID(a["id"]), text=a["text"],
                           created_at=moment(a["created_at"]), author_id=a["author_id"])
                for a in dto["agenda"]],
            notes=None if dto["notes"] is None else [
                SessionNote(id=strawberry.ID(n["id"]), body=n["body"],
                            visibility=NoteVisibility(n["visibility"]),
                            created_at=moment(n["created_at"]), author_id=n["author_id"])
                for n in dto["notes"]],
            action_items=items("action_items"), carried_action_items=items("carried_action_items"))
