"""GraphQL types of one-on-ones: the meeting, its agenda, notes and action items."""
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
class TalkingPoint:
    id: strawberry.ID
    text: str
    check_in_id: strawberry.ID | None = strawberry.field(
        description="The check-in a manager put on the agenda.")
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> TalkingPoint:
        return cls(id=strawberry.ID(dto["id"]), text=dto["text"],
                   check_in_id=dto["check_in_id"], created_at=moment(dto["created_at"]),
                   author_id=dto["author_id"])


@strawberry.type
class OneOnOneNote:
    id: strawberry.ID
    body: str
    visibility: NoteVisibility
    created_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> OneOnOneNote:
        return cls(id=strawberry.ID(dto["id"]), body=dto["body"],
                   visibility=NoteVisibility(dto["visibility"]),
                   created_at=moment(dto["created_at"]), author_id=dto["author_id"])


@strawberry.type(description="One meeting of a manager and a report's recurring series.")
class OneOnOne:
    id: strawberry.ID
    scheduled_at: datetime
    every_days: int
    manager_id: strawberry.Private[str]
    report_id: strawberry.Private[str]
    details: strawberry.Private[dict | None] = None

    @strawberry.field
    async def manager(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.manager_id)

    @strawberry.field
    async def report(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.report_id)

    async def _details(self, info: Info) -> dict:
        if self.details is None:
            self.details = await info.context.loaders.one_on_ones.load(str(self.id))
        return self.details

    @strawberry.field(description="The running agenda either side adds to.")
    async def talking_points(self, info: Info) -> list[TalkingPoint]:
        return [TalkingPoint.from_dto(p) for p in (await self._details(info))["talking_points"]]

    @strawberry.field(description="Your own notes and the shared ones.")
    async def notes(self, info: Info) -> list[OneOnOneNote]:
        return [OneOnOneNote.from_dto(n) for n in (await self._details(info))["notes"]]

    @strawberry.field(description="Made here, or open from earlier meetings, or done since "
                                  "the last one.")
    async def action_items(self, info: Info) -> list[ActionItem]:
        return [ActionItem.from_dto(i) for i in (await self._details(info))["action_items"]]

    @classmethod
    def from_dto(cls, dto: dict) -> OneOnOne:
        full = dto if "talking_points" in dto else None
        return cls(id=strawberry.ID(dto["id"]), scheduled_at=moment(dto["scheduled_at"]),
                   every_days=dto["every_days"], manager_id=dto["manager_id"],
                   report_id=dto["report_id"], details=full)
