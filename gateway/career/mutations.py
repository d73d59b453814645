"""Career changes: the caller's profile, opportunities, role voices, applications and
mentoring requests. Each answers its success type or a typed user error."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.career.enums import Decision
from gateway.career.inputs import (
    PostOpportunityInput,
    UpdateOpportunityInput,
    UpdateProfileInput,
    plain,
)
from gateway.career.mentoring import MentoringRequest
from gateway.career.types import Application, Opportunity, RoleVoice
from gateway.context import Info
from gateway.errors import ConflictError, NotFoundError, Refused, ValidationError
from gateway.people.types import Person

Errors = ValidationError | Refused | NotFoundError
UpdateProfileResult = Annotated[Person | Errors, strawberry.union("UpdateProfileResult")]
OpportunityResult = Annotated[Opportunity | Errors | ConflictError,
                              strawberry.union("OpportunityResult")]
RoleVoiceResult = Annotated[RoleVoice | Errors, strawberry.union("RoleVoiceResult")]
ApplicationResult = Annotated[Application | Errors | ConflictError,
                              strawberry.union("ApplicationResult")]
MentoringResult = Annotated[MentoringRequest | Errors | ConflictError,
                            strawberry.union("MentoringResult")]


async def with_profile(info: Info, profile: dict) -> Person | None:
    """The caller with the profile career just answered (primed: not read again)."""
    person_id = info.context.require_identity().user_id
    info.context.loaders.profiles.prime(person_id, profile, force=True)
    return await info.context.loaders.people.load(person_id)


@strawberry.type
class CareerMutation:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_my_profile(self, info: Info, input: UpdateProfileInput
                                ) -> UpdateProfileResult:
        return await info.context.result(
            "career", "update_profile", info.context.require_identity().user_id, plain(input),
            to=lambda profile: with_profile(info, profile))

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def post_opportunity(self, info: Info, input: PostOpportunityInput
                               ) -> OpportunityResult:
        return await info.context.result("career", "post_opportunity", plain(input),
                                         to=Opportunity.from_dto)

    @strawberry.mutation(description="The owner or an admin only.",
                         permission_classes=[IsSignedIn])
    async def update_opportunity(self, info: Info, id: strawberry.ID,
                                 input: UpdateOpportunityInput) -> OpportunityResult:
        return await info.context.result("career", "update_opportunity", str(id), plain(input),
                                         to=Opportunity.from_dto)

    @strawberry.mutation(description="The owner or an admin only.",
                         permission_classes=[IsSignedIn])
    async def close_opportunity(self, info: Info, id: strawberry.ID) -> OpportunityResult:
        return await info.context.result("career", "close_opportunity", str(id),
                                         to=Opportunity.from_dto)

    @strawberry.mutation(description="Say what the role of this opportunity is like; only "
                                     "people who hold or held it.",
                         permission_classes=[IsSignedIn])
    async def add_role_voice(self, info: Info, opportunity_id: strawberry.ID,
                             text: str) -> RoleVoiceResult:
        return await info.context.result("career", "add_role_voice", str(opportunity_id), text,
                                         to=RoleVoice.from_dto)

    @strawberry.mutation(description="Once per person; not on your own or closed ones.",
                         permission_classes=[IsSignedIn])
    async def express_interest(self, info: Info, opportunity_id: strawberry.ID,
                               note: str = "") -> ApplicationResult:
        return await info.context.result("career", "express_interest", str(opportunity_id),
                                         note, to=Application.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def withdraw_interest(self, info: Info,
                                opportunity_id: strawberry.ID) -> ApplicationResult:
        return await info.context.result("career", "withdraw_interest", str(opportunity_id),
                                         to=Application.from_dto)

    @strawberry.mutation(description="The owner accepts or declines; accepting beyond the "
                                     "capacity is a ConflictError.",
                         permission_classes=[IsSignedIn])
    async def decide_application(self, info: Info, id: strawberry.ID, decision: Decision,
                                 message: str = "") -> ApplicationResult:
        return await info.context.result("career", "decide_application", str(id),
                                         decision.value, message, to=Application.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def request_mentoring(self, info: Info, mentor_id: strawberry.ID,
                                skills: list[str], message: str = "") -> MentoringResult:
        return await info.context.result("career", "request_mentoring", str(mentor_id), skills,
                                         message, to=MentoringRequest.from_dto)

    @strawberry.mutation(description="The mentor accepts or declines a request.",
                         permission_classes=[IsSignedIn])
    async def respond_to_mentoring_request(self, info: Info, id: strawberry.ID,
                                           decision: Decision,
                                           message: str = "") -> MentoringResult:
        return await info.context.result("career", "respond_to_mentoring_request", str(id),
                                         decision.value, message, to=MentoringRequest.from_dto)
