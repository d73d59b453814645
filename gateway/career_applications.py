"""Interest in opportunities: expressed, withdrawn, decided by the owner."""
from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.career_nodes import Application
from gateway.career_types import run_command
from gateway.context import Context
from gateway.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError


@strawberry.enum
class Decision(Enum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


ApplicationResult = Annotated[
    Application | ValidationError | PermissionDeniedError | NotFoundError | ConflictError,
    strawberry.union("ApplicationResult")]


@strawberry.type
class ApplicationsQuery:
    @strawberry.field(description="Your applications, newest first.")
    async def my_applications(self, info: Info[Context, None]) -> list[Application]:
        return [Application.from_dto(a)
                for a in await info.context.query("career", "my_applications")]


@strawberry.type
class ApplicationsMutation:
    @strawberry.mutation(description="Once per person; not on your own or closed ones.")
    async def express_interest(self, info: Info[Context, None], opportunity_id: strawberry.ID,
                               note: str = "") -> ApplicationResult:
        return await run_command(info, "express_interest", str(opportunity_id), note,
                                 build=Application.from_dto)

    @strawberry.mutation
    async def withdraw_interest(self, info: Info[Context, None],
                                opportunity_id: strawberry.ID) -> ApplicationResult:
        return await run_command(info, "withdraw_interest", str(opportunity_id),
                                 build=Application.from_dto)

    @strawberry.mutation(description="The owner accepts or declines; accepting beyond the "
                                     "capacity is a ConflictError.")
    async def decide_application(self, info: Info[Context, None], id: strawberry.ID,
                                 decision: Decision, message: str = "") -> ApplicationResult:
        return await run_command(info, "decide_application", str(id), decision.value, message,
                                 build=Application.from_dto)
