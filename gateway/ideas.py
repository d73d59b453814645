"""Ideas in GraphQL: types, queries and mutations over the ideas service."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.pagination import Connection, connection_from
from gateway.people import Person, load_person
from shared.errors import DomainError


@strawberry.enum
class IdeaStatus(Enum):
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    ACCEPTED = "ACCEPTED"
    EXPERIMENTING = "EXPERIMENTING"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"
    DUPLICATE = "DUPLICATE"


@strawberry.type
class Idea:
    id: strawberry.ID
    title: str
    problem: str
    proposal: str
    benefit: str
    tags: list[str]
    status: IdeaStatus
    vote_count: int
    created_at: datetime
    updated_at: datetime
    author_id: strawberry.Private[str]

    @strawberry.field
    async def author(self, info: Info[Context, None]) -> Person | None:
        return await load_person(info, self.author_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Idea:
        return cls(
            id=strawberry.ID(dto["id"]), title=dto["title"], problem=dto["problem"],
            proposal=dto["proposal"], benefit=dto["benefit"], tags=dto["tags"],
            status=IdeaStatus(dto["status"]), vote_count=dto["vote_count"],
            created_at=datetime.fromisoformat(dto["created_at"]),
            updated_at=datetime.fromisoformat(dto["updated_at"]),
            author_id=dto["author_id"],
        )


@strawberry.input
class SubmitIdeaInput:
    title: str
    problem: str = ""
    proposal: str = ""
    benefit: str = ""
    tags: list[str] = strawberry.field(default_factory=list)


SubmitIdeaResult = Annotated[
    Idea | ValidationError | PermissionDeniedError, strawberry.union("SubmitIdeaResult")
]


@strawberry.type
class IdeasQuery:
    @strawberry.field
    async def idea(self, info: Info[Context, None], id: strawberry.ID) -> Idea | None:
        dto = await info.context.loader("ideas", "ideas", "get_ideas").load(str(id))
        return Idea.from_dto(dto) if dto else None

    @strawberry.field
    async def ideas(self, info: Info[Context, None], first: int = 20,
                    after: str | None = None) -> Connection[Idea]:
        page = await info.context.query("ideas", "list_ideas", first=first, after=after)
        return connection_from(page, Idea.from_dto)


@strawberry.type
class IdeasMutation:
    @strawberry.mutation
    async def submit_idea(self, info: Info[Context, None],
                          input: SubmitIdeaInput) -> SubmitIdeaResult:
        if info.context.identity is None:
            return PermissionDeniedError(message=SIGN_IN_FIRST)
        try:
            dto = await info.context.command("ideas", "submit_idea", strawberry.asdict(input))
        except DomainError as exc:
            return user_error(exc)
        return Idea.from_dto(dto)
