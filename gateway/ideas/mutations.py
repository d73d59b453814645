"""Changes to ideas, their comments, review and campaigns. Each answers its success type or
a typed user error; the rules (who may, which moves) are the ideas service's."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import ConflictError, NotFoundError, Refused, ValidationError
from gateway.ideas.activity import Comment, CommentDeleted
from gateway.ideas.campaign import Campaign, ReviewSettings
from gateway.ideas.enums import IdeaStatus
from gateway.ideas.inputs import CreateCampaignInput, SubmitIdeaInput, UpdateIdeaInput
from gateway.ideas.types import Idea

Errors = ValidationError | NotFoundError | Refused | ConflictError
SubmitIdeaResult = Annotated[Idea | ValidationError | Refused,
                             strawberry.union("SubmitIdeaResult")]
IdeaResult = Annotated[Idea | Errors, strawberry.union("IdeaResult")]
CommentResult = Annotated[Comment | Errors, strawberry.union("CommentResult")]
CommentDeletedResult = Annotated[CommentDeleted | Errors, strawberry.union("CommentDeletedResult")]
CampaignResult = Annotated[Campaign | Errors, strawberry.union("CampaignResult")]
ReviewSettingsResult = Annotated[ReviewSettings | ValidationError | Refused,
                                 strawberry.union("ReviewSettingsResult")]


def deleted(comment_id: str) -> CommentDeleted:
    return CommentDeleted(id=strawberry.ID(comment_id))


@strawberry.type
class IdeasMutation:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def submit_idea(self, info: Info, input: SubmitIdeaInput) -> SubmitIdeaResult:
        return await info.context.result("ideas", "submit_idea", input.to_dict(),
                                         to=Idea.from_dto)

    @strawberry.mutation(description="Only its author, only while SUBMITTED.",
                         permission_classes=[IsSignedIn])
    async def update_idea(self, info: Info, id: strawberry.ID,
                          input: UpdateIdeaInput) -> IdeaResult:
        return await info.context.result("ideas", "update_idea", str(id), input.to_dict(),
                                         to=Idea.from_dto)

    @strawberry.mutation(description="Idempotent: voting twice counts once.",
                         permission_classes=[IsSignedIn])
    async def vote_idea(self, info: Info, id: strawberry.ID) -> IdeaResult:
        return await info.context.result("ideas", "vote_idea", str(id), to=Idea.from_dto)

    @strawberry.mutation(description="Idempotent: withdrawing a vote that is not there is fine.",
                         permission_classes=[IsSignedIn])
    async def unvote_idea(self, info: Info, id: strawberry.ID) -> IdeaResult:
        return await info.context.result("ideas", "unvote_idea", str(id), to=Idea.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def comment_on_idea(self, info: Info, id: strawberry.ID, body: str) -> CommentResult:
        return await info.context.result("ideas", "comment_on_idea", str(id), body,
                                         to=Comment.from_dto)

    @strawberry.mutation(description="Only the comment's author.",
                         permission_classes=[IsSignedIn])
    async def edit_comment(self, info: Info, id: strawberry.ID, body: str) -> CommentResult:
        return await info.context.result("ideas", "edit_comment", str(id), body,
                                         to=Comment.from_dto)

    @strawberry.mutation(description="Only the comment's author.",
                         permission_classes=[IsSignedIn])
    async def delete_comment(self, info: Info, id: strawberry.ID) -> CommentDeletedResult:
        return await info.context.result("ideas", "delete_comment", str(id), to=deleted)

    @strawberry.mutation(description="Reviewers move ideas; DECLINED needs a reason.",
                         permission_classes=[IsSignedIn])
    async def transition_idea(self, info: Info, id: strawberry.ID, to: IdeaStatus,
                              reason: str | None = None) -> IdeaResult:
        return await info.context.result("ideas", "transition_idea", str(id), to.value, reason,
                                         to=Idea.from_dto)

    @strawberry.mutation(description="Reviewers set impact and effort, 1 to 5.",
                         permission_classes=[IsSignedIn])
    async def assess_idea(self, info: Info, id: strawberry.ID, impact: int,
                          effort: int) -> IdeaResult:
        return await info.context.result("ideas", "assess_idea", str(id), impact, effort,
                                         to=Idea.from_dto)

    @strawberry.mutation(description="Marks `id` a DUPLICATE of `intoId`, which gets its "
                                     "votes (each person once). Returns the duplicate.",
                         permission_classes=[IsSignedIn])
    async def merge_idea(self, info: Info, id: strawberry.ID,
                         into_id: strawberry.ID) -> IdeaResult:
        return await info.context.result("ideas", "merge_idea", str(id), str(into_id),
                                         to=Idea.from_dto)

    @strawberry.mutation(description="Admins only.", permission_classes=[IsSignedIn])
    async def create_campaign(self, info: Info, input: CreateCampaignInput) -> CampaignResult:
        return await info.context.result("ideas", "create_campaign", input.to_dict(),
                                         to=Campaign.from_dto)

    @strawberry.mutation(description="Admins only: the campaign takes no more ideas.",
                         permission_classes=[IsSignedIn])
    async def close_campaign(self, info: Info, id: strawberry.ID) -> CampaignResult:
        return await info.context.result("ideas", "close_campaign", str(id),
                                         to=Campaign.from_dto)

    @strawberry.mutation(description="Admins only: whether reviewers may decide on their "
                                     "own ideas.", permission_classes=[IsSignedIn])
    async def change_review_settings(self, info: Info,
                                     allow_self_review: bool) -> ReviewSettingsResult:
        return await info.context.result("ideas", "change_review_settings", allow_self_review,
                                         to=ReviewSettings.from_dto)
