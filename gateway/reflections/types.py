"""GraphQL types of reflections: the journal entry and its prompt templates."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.ideas.types import Idea
    from gateway.people.types import Person

IdeaRef = Annotated["Idea", strawberry.lazy("gateway.ideas.types")]


@strawberry.enum(description="Who may read a reflection besides its author.")
class Visibility(Enum):
    PRIVATE = "PRIVATE"
    TEAM = "TEAM"
    ORGANIZATION = "ORGANIZATION"


@strawberry.enum
class ReflectionLinkKind(Enum):
    IDEA = "IDEA"
    EXPERIMENT = "EXPERIMENT"
    OPPORTUNITY = "OPPORTUNITY"


@strawberry.enum
class ReflectionExportFormat(Enum):
    MARKDOWN = "MARKDOWN"
    JSON = "JSON"


@strawberry.type
class ReflectionLink:
    kind: ReflectionLinkKind
    id: strawberry.ID


@strawberry.type(description="A journal entry. PRIVATE ones exist for their author alone.")
class Reflection:
    id: strawberry.ID
    body: str
    prompt_id: strawberry.ID | None
    tags: list[str]
    mood: int | None = strawberry.field(description="1 to 5; only its author sees it.")
    visibility: Visibility
    team: str | None
    links: list[ReflectionLink]
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]
    idea_id: strawberry.Private[str | None]

    @strawberry.field
    async def author(self, info: Info) -> Annotated[
            Person, strawberry.lazy("gateway.people.types")] | None:
        return await info.context.loaders.people.load(self.author_id)

    @strawberry.field(description="The idea this reflection was turned into.")
    async def idea(self, info: Info) -> IdeaRef | None:
        return await info.context.loaders.ideas.load(self.idea_id) if self.idea_id else None

    @classmethod
    def from_dto(cls, dto: dict) -> Reflection:
        return cls(
            id=strawberry.ID(dto["id"]), body=dto["body"], prompt_id=dto["prompt_id"],
            tags=dto["tags"], mood=dto["mood"], visibility=Visibility(dto["visibility"]),
            team=dto["team"],
            links=[ReflectionLink(kind=ReflectionLinkKind(link["kind"]),
                                  id=strawberry.ID(link["id"])) for link in dto["links"]],
            created_at=moment(dto["created_at"]), updated_at=moment(dto["updated_at"]),
            author_id=dto["author_id"], idea_id=dto["idea_id"],
        )


@strawberry.type(description="A template to reflect with: built in, or the organisation's.")
class ReflectionPrompt:
    id: strawberry.ID
    title: str
    description: str
    questions: list[str]
    template: str = strawberry.field(description="Markdown to start the body from.")
    built_in: bool

    @classmethod
    def from_dto(cls, dto: dict) -> ReflectionPrompt:
        return cls(id=strawberry.ID(dto["id"]), title=dto["title"],
                   description=dto["description"], questions=dto["questions"],
                   template=dto["template"], built_in=dto["built_in"])


@strawberry.type
class DeletedReflection:
    id: strawberry.ID


@strawberry.type
class ReflectionTurnedIntoIdea:
    reflection: Reflection
    idea: IdeaRef
