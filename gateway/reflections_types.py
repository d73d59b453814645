"""GraphQL types of reflections: the journal entry, its prompt templates and inputs."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.ideas import Idea
from gateway.people import Person, load_person


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
    async def author(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.author_id)

    @strawberry.field(description="The idea this reflection was turned into.")
    async def idea(self, info: Info[Context, None]) -> Idea | None:
        if not self.idea_id:
            return None
        dto = await info.context.loader("ideas", "ideas", "get_ideas").load(self.idea_id)
        return Idea.from_dto(dto) if dto else None

    @classmethod
    def from_dto(cls, dto: dict) -> Reflection:
        return cls(
            id=strawberry.ID(dto["id"]), body=dto["body"], prompt_id=dto["prompt_id"],
            tags=dto["tags"], mood=dto["mood"], visibility=Visibility(dto["visibility"]),
            team=dto["team"],
            links=[ReflectionLink(kind=ReflectionLinkKind(link["kind"]),
                                  id=strawberry.ID(link["id"])) for link in dto["links"]],
            created_at=datetime.fromisoformat(dto["created_at"]),
            updated_at=datetime.fromisoformat(dto["updated_at"]),
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


@strawberry.type(description="The caller's reflection habit (ISO weeks, UTC).")
class ReflectionStreak:
    weeks: int = strawberry.field(description="Weeks in a row with at least one reflection, "
                                              "counting back from this week.")
    this_week: int


@strawberry.type
class DeletedReflection:
    id: strawberry.ID


@strawberry.type
class ReflectionTurnedIntoIdea:
    reflection: Reflection
    idea: Idea


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
