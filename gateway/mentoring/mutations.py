"""Mentoring changes: programmes, enrolment, matches, goals, sessions with their agenda,
notes and action items, closing. Each answers its success type or a typed user error."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from gateway.action_items import ActionItem
from gateway.auth import IsSignedIn
from gateway.career.enums import Decision
from gateway.career.inputs import plain
from gateway.context import Info
from gateway.errors import ConflictError, FieldError, NotFoundError, Refused, ValidationError
from gateway.mentoring.inputs import CreateMentoringProgrammeInput, EnrolInput, MentorshipGoalInput
from gateway.mentoring.sessions import MentoringSession
from gateway.mentoring.types import Enrolment, MentoringProgramme, Mentorship, MentorshipGoal
from gateway.notes import NoteVisibility
from shared.settings import deployed_services

Errors = ValidationError | Refused | NotFoundError | ConflictError
ProgrammeResult = Annotated[MentoringProgramme | Errors,
                            strawberry.union("MentoringProgrammeResult")]
EnrolmentResult = Annotated[Enrolment | Errors, strawberry.union("EnrolmentResult")]
MentorshipResult = Annotated[Mentorship | Errors, strawberry.union("MentorshipResult")]
GoalResult = Annotated[MentorshipGoal | Errors, strawberry.union("MentorshipGoalResult")]
SessionResult = Annotated[MentoringSession | Errors, strawberry.union("MentoringSessionResult")]
ActionItemResult = Annotated[ActionItem | Errors, strawberry.union("ActionItemResult")]


def where_error() -> ValidationError:
    message = "name exactly one of sessionId and oneOnOneId"
    return ValidationError(message=message, field="sessionId",
                           fields=[FieldError(field=f, message=message)
                                   for f in ("sessionId", "oneOnOneId")])


@strawberry.type
class MentoringMutation:
    @strawberry.mutation(description="Admins and coordinators.", permission_classes=[IsSignedIn])
    async def create_mentoring_programme(self, info: Info, input: CreateMentoringProgrammeInput
                                         ) -> ProgrammeResult:
        return await info.context.result("career", "create_mentoring_programme", plain(input),
                                         to=MentoringProgramme.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def enrol_in_programme(self, info: Info, programme_id: strawberry.ID,
                                 input: EnrolInput) -> EnrolmentResult:
        return await info.context.result("career", "enrol_in_programme", str(programme_id),
                                         plain(input), to=Enrolment.from_dto)

    @strawberry.mutation(description="A mentee asks a mentor of the programme.",
                         permission_classes=[IsSignedIn])
    async def request_match(self, info: Info, programme_id: strawberry.ID,
                            mentor_id: strawberry.ID) -> MentorshipResult:
        return await info.context.result("career", "request_match", str(programme_id),
                                         str(mentor_id), to=Mentorship.from_dto)

    @strawberry.mutation(description="The mentor (or a coordinator) answers; accepting "
                                     "beyond the mentor's capacity is a ConflictError.",
                         permission_classes=[IsSignedIn])
    async def decide_match(self, info: Info, id: strawberry.ID, decision: Decision
                           ) -> MentorshipResult:
        return await info.context.result("career", "decide_match", str(id), decision.value,
                                         to=Mentorship.from_dto)

    @strawberry.mutation(description="A coordinator pairs a mentor and a mentee.",
                         permission_classes=[IsSignedIn])
    async def set_match(self, info: Info, programme_id: strawberry.ID,
                        mentor_id: strawberry.ID, mentee_id: strawberry.ID
                        ) -> MentorshipResult:
        return await info.context.result("career", "set_match", str(programme_id),
                                         str(mentor_id), str(mentee_id), to=Mentorship.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def add_mentorship_goal(self, info: Info, mentorship_id: strawberry.ID,
                                  input: MentorshipGoalInput) -> GoalResult:
        return await info.context.result("career", "add_mentorship_goal", str(mentorship_id),
                                         plain(input), to=MentorshipGoal.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_mentorship_goal(self, info: Info, id: strawberry.ID,
                                     input: MentorshipGoalInput) -> GoalResult:
        return await info.context.result("career", "update_mentorship_goal", str(id),
                                         plain(input), to=MentorshipGoal.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def schedule_session(self, info: Info, mentorship_id: strawberry.ID, at: datetime,
                               duration_minutes: int) -> SessionResult:
        return await info.context.result("career", "schedule_session", str(mentorship_id),
                                         at.isoformat(), duration_minutes,
                                         to=MentoringSession.from_dto)

    @strawberry.mutation(description="Before the session begins.",
                         permission_classes=[IsSignedIn])
    async def add_agenda_item(self, info: Info, session_id: strawberry.ID, text: str
                              ) -> SessionResult:
        return await info.context.result("career", "add_agenda_item", str(session_id), text,
                                         to=MentoringSession.from_dto)

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def add_session_note(self, info: Info, session_id: strawberry.ID, body: str,
                               visibility: NoteVisibility) -> SessionResult:
        return await info.context.result("career", "add_session_note", str(session_id), body,
                                         visibility.value, to=MentoringSession.from_dto)

    @strawberry.mutation(description="In a mentoring session (sessionId) or a one-on-one "
                                     "(oneOnOneId): exactly one of them.",
                         permission_classes=[IsSignedIn])
    async def add_action_item(self, info: Info, text: str, owner_id: strawberry.ID,
                              session_id: strawberry.ID | None = None,
                              one_on_one_id: strawberry.ID | None = None) -> ActionItemResult:
        if (session_id is None) == (one_on_one_id is None):
            return where_error()
        if session_id is not None:
            return await info.context.result("career", "add_action_item", str(session_id),
                                             text, str(owner_id), to=ActionItem.from_dto)
        if "growth" not in deployed_services():
            return NotFoundError(message=f"one-on-one {one_on_one_id} not found")
        return await info.context.result("growth", "add_action_item", str(one_on_one_id),
                                         text, str(owner_id), to=ActionItem.from_dto)

    @strawberry.mutation(description="A mentoring session's or a one-on-one's.",
                         permission_classes=[IsSignedIn])
    async def complete_action_item(self, info: Info, id: strawberry.ID) -> ActionItemResult:
        answer = await info.context.result("career", "complete_action_item", str(id),
                                           to=ActionItem.from_dto)
        if isinstance(answer, NotFoundError) and "growth" in deployed_services():
            return await info.context.result("growth", "complete_action_item", str(id),
                                             to=ActionItem.from_dto)
        return answer

    @strawberry.mutation(description="With your rating (1 to 5) and a short reflection; the "
                                     "first side ends it. `toJournal`: the mentee keeps the "
                                     "reflection as a private journal reflection too.",
                         permission_classes=[IsSignedIn])
    async def close_mentorship(self, info: Info, id: strawberry.ID, rating: int,
                               reflection: str = "", to_journal: bool = False
                               ) -> MentorshipResult:
        return await info.context.result("career", "close_mentorship", str(id), rating,
                                         reflection, to_journal, to=Mentorship.from_dto)
