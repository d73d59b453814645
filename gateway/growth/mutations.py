"""Growth changes; each answers its success type or a typed user error. The action-item
mutations (`addActionItem`, `completeActionItem`) belong to mentoring (gateway/mentoring),
which calls growth's `add_action_item` / `complete_action_item` for one-on-ones."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import ConflictError, NotFoundError, Refused, ValidationError
from gateway.growth.check_ins import CheckIn
from gateway.growth.enums import OneOnOneCadence
from gateway.growth.goals import Goal
from gateway.growth.inputs import (
    GiveKudosInput,
    SetGoalInput,
    SubmitCheckInInput,
    UpdateGoalInput,
    goal_fields,
    plain,
)
from gateway.growth.kudos import Kudos
from gateway.growth.one_on_ones import OneOnOne, OneOnOneNote, TalkingPoint
from gateway.ideas.types import Idea
from gateway.notes import NoteVisibility

Refusals = ValidationError | NotFoundError | Refused | ConflictError
GoalResult = Annotated[Goal | Refusals, strawberry.union("GoalResult")]
CheckInResult = Annotated[CheckIn | Refusals, strawberry.union("CheckInResult")]
OneOnOneResult = Annotated[OneOnOne | Refusals, strawberry.union("OneOnOneResult")]
TalkingPointResult = Annotated[TalkingPoint | Refusals, strawberry.union("TalkingPointResult")]
OneOnOneNoteResult = Annotated[OneOnOneNote | Refusals, strawberry.union("OneOnOneNoteResult")]
KudosResult = Annotated[Kudos | Refusals, strawberry.union("KudosResult")]


@strawberry.type
class ProblemTurnedIntoIdea:
    check_in: CheckIn
    idea: Idea


TurnProblemIntoIdeaResult = Annotated[ProblemTurnedIntoIdea | Refusals,
                                      strawberry.union("TurnProblemIntoIdeaResult")]


def turned(dto: dict) -> ProblemTurnedIntoIdea:
    return ProblemTurnedIntoIdea(check_in=CheckIn.from_dto(dto["check_in"]),
                                 idea=Idea.from_dto(dto["idea"]))


@strawberry.type
class GrowthMutation:
    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def set_goal(self, info: Info, input: SetGoalInput) -> GoalResult:
        return await info.context.result("growth", "set_goal", goal_fields(input),
                                         to=Goal.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_goal(self, info: Info, id: strawberry.ID,
                          input: UpdateGoalInput) -> GoalResult:
        return await info.context.result("growth", "update_goal", str(id), plain(input),
                                         to=Goal.from_dto)

    @strawberry.mutation(description="Moves a key result; answers its goal.",
                         permission_classes=[IsSignedIn])
    async def update_key_result(self, info: Info, id: strawberry.ID, current: float,
                                note: str = "") -> GoalResult:
        return await info.context.result("growth", "update_key_result", str(id), current,
                                         note, to=Goal.from_dto)

    @strawberry.mutation(description="This week's check-in (again: it replaces the first).",
                         permission_classes=[IsSignedIn])
    async def submit_check_in(self, info: Info, input: SubmitCheckInInput) -> CheckInResult:
        return await info.context.result("growth", "submit_check_in", plain(input),
                                         to=CheckIn.from_dto)

    @strawberry.mutation(description="A manager of the person reacts or comments; "
                                     "addToOneOnOne puts it on your next one-on-one's agenda.",
                         permission_classes=[IsSignedIn])
    async def react_to_check_in(self, info: Info, check_in_id: strawberry.ID,
                                emoji: str | None = None, comment: str | None = None,
                                add_to_one_on_one: bool = False) -> CheckInResult:
        return await info.context.result("growth", "react_to_check_in", str(check_in_id),
                                         emoji, comment, add_to_one_on_one, to=CheckIn.from_dto)

    @strawberry.mutation(description="You submit an improvement idea from a problem of your "
                                     "check-in; the two are linked both ways.",
                         permission_classes=[IsSignedIn])
    async def turn_problem_into_idea(self, info: Info, check_in_id: strawberry.ID,
                                     problem_index: int) -> TurnProblemIntoIdeaResult:
        return await info.context.result("growth", "turn_problem_into_idea", str(check_in_id),
                                         problem_index, to=turned)

    @strawberry.mutation(description="The report's manager sets the rhythm; answers the next "
                                     "meeting.", permission_classes=[IsSignedIn])
    async def schedule_one_on_ones(self, info: Info, report_id: strawberry.ID,
                                   every: OneOnOneCadence, starts_at: datetime
                                   ) -> OneOnOneResult:
        return await info.context.result("growth", "schedule_one_on_ones", str(report_id),
                                         every.value, starts_at.isoformat(),
                                         to=OneOnOne.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def add_talking_point(self, info: Info, one_on_one_id: strawberry.ID,
                                text: str) -> TalkingPointResult:
        return await info.context.result("growth", "add_talking_point", str(one_on_one_id),
                                         text, to=TalkingPoint.from_dto)

    @strawberry.mutation(description="PRIVATE: for you alone; SHARED: for both of you.",
                         permission_classes=[IsSignedIn])
    async def add_one_on_one_note(self, info: Info, one_on_one_id: strawberry.ID, body: str,
                                  visibility: NoteVisibility = NoteVisibility.PRIVATE
                                  ) -> OneOnOneNoteResult:
        return await info.context.result("growth", "add_one_on_one_note", str(one_on_one_id),
                                         body, visibility.value, to=OneOnOneNote.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def give_kudos(self, info: Info, input: GiveKudosInput) -> KudosResult:
        return await info.context.result("growth", "give_kudos", plain(input),
                                         to=Kudos.from_dto)
