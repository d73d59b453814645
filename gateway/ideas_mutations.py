"""Mutations on ideas. Each returns its success type or a typed user error; the rules
(who may, which moves) are the ideas service's."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.ideas_node import Idea
from gateway.ideas_types import (
    Campaign,
    Comment,
    CommentDeleted,
    CreateCampaignInput,
    IdeaStatus,
    SubmitIdeaInput,
    UpdateIdeaInput,
)
from shared.errors import DomainError

Errors = ValidationError | NotFoundError | PermissionDeniedError | ConflictError
SubmitIdeaResult = Annotated[Idea | ValidationError | PermissionDeniedError,
                             strawberry.union("SubmitIdeaResult")]
IdeaResult = Annotated[Idea | Errors, strawberry.union("IdeaResult")]
CommentResult = Annotated[Comment | Errors, strawberry.union("CommentResult")]
CommentDeletedResult = Annotated[CommentDeleted | Errors, strawberry.union("CommentDeletedResult")]
CampaignResult = Annotated[Campaign | Errors, strawberry.union("CampaignResult")]


async def run(info: Info[Context, None], method: str, *args, to: Callable = Idea.from_dto):
    """Calls the ideas service as the signed-in person; domain errors become user errors."""
    if info.context.identity is None:
        return PermissionDeniedError(message=SIGN_IN_FIRST)
    try:
        result = await info.context.command("ideas", method, *args)
    except DomainError as exc:
        return user_error(exc)
    return to(result)


@strawberry.type
class IdeaMutations:
    @strawberry.mutation
    async def submit_idea(self, info: Info[Context, None],
                          input: SubmitIdeaInput) -> SubmitIdeaResult:
        return await run(info, "submit_idea", strawberry.asdict(input))

    @strawberry.mutation(description="Only its author, only while SUBMITTED.")
    async def update_idea(self, info: Info[Context, None], id: strawberry.ID,
                          input: UpdateIdeaInput) -> IdeaResult:
        return await run(info, "update_idea", str(id), strawberry.asdict(input))

    @strawberry.mutation(description="Idempotent: voting twice counts once.")
    async def vote_idea(self, info: Info[Context, None], id: strawberry.ID) -> IdeaResult:
        return await run(info, "vote_idea", str(id))

    @strawberry.mutation(description="Idempotent: withdrawing a vote that is not there is fine.")
    async def unvote_idea(self, info: Info[Context, None], id: strawberry.ID) -> IdeaResult:
        return await run(info, "unvote_idea", str(id))

    @strawberry.mutation
    async def comment_on_idea(self, info: Info[Context, None], id: strawberry.ID,
                              body: str) -> CommentResult:
        return await run(info, "comment_on_idea", str(id), body, to=Comment.from_dto)

    @strawberry.mutation(description="Only the comment's author.")
    async def edit_comment(self, info: Info[Context, None], id: strawberry.ID,
                           body: str) -> CommentResult:
        return await run(info, "edit_comment", str(id), body, to=Comment.from_dto)

    @strawberry.mutation(description="Only the comment's author.")
    async def delete_comment(self, info: Info[Context, None],
                             id: strawberry.ID) -> CommentDeletedResult:
        return await run(info, "delete_comment", str(id),
                         to=lambda deleted: CommentDeleted(id=strawberry.ID(deleted)))


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(description="Reviewers move ideas; DECLINED needs a reason.")
    async def transition_idea(self, info: Info[Context, None], id: strawberry.ID,
                              to: IdeaStatus, reason: str | None = None) -> IdeaResult:
        return await run(info, "transition_idea", str(id), to.value, reason)

    @strawberry.mutation(description="Reviewers set impact and effort, 1 to 5.")
    async def assess_idea(self, info: Info[Context, None], id: strawberry.ID, impact: int,
                          effort: int) -> IdeaResult:
        return await run(info, "assess_idea", str(id), impact, effort)

    @strawberry.mutation(description="Marks `id` a DUPLICATE of `intoId`, which gets its "
                                     "votes (each person once). Returns the duplicate.")
    async def merge_idea(self, info: Info[Context, None], id: strawberry.ID,
                         into_id: strawberry.ID) -> IdeaResult:
        return await run(info, "merge_idea", str(id), str(into_id))


@strawberry.type
class CampaignMutations:
    @strawberry.mutation(description="Admins only.")
    async def create_campaign(self, info: Info[Context, None],
                              input: CreateCampaignInput) -> CampaignResult:
        fields = {"title": input.title, "description": input.description,
                  "starts_on": input.starts_on.isoformat(), "ends_on": input.ends_on.isoformat()}
        return await run(info, "create_campaign", fields, to=Campaign.from_dto)

    @strawberry.mutation(description="Admins only: the campaign takes no more ideas.")
    async def close_campaign(self, info: Info[Context, None],
                             id: strawberry.ID) -> CampaignResult:
        return await run(info, "close_campaign", str(id), to=Campaign.from_dto)
