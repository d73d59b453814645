"""Inputs of mentoring programmes and mentorships; each travels as `plain(input)`."""
from __future__ import annotations

from datetime import date

import strawberry

from gateway.mentoring.enums import MentoringRole


@strawberry.input
class CreateMentoringProgrammeInput:
    name: str
    starts_on: date
    ends_on: date
    description: str = ""
    coordinator_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="People who run it; you, when none are named")
    audience: list[str] | None = strawberry.field(
        default=None, description="Team ids it is for; everyone, when none")


@strawberry.input
class EnrolInput:
    role: MentoringRole
    skills: list[str] = strawberry.field(description="Help areas (mentor) or development "
                                                     "areas (mentee)")
    capacity: int | None = strawberry.field(default=None,
                                            description="Mentees you take (mentors)")
    goal: str | None = strawberry.field(default=None,
                                        description="What you want to achieve, in a sentence "
                                                    "(mentees)")


@strawberry.input
class GoalTaskInput:
    text: str
    done: bool = False


@strawberry.input(description="On an update only the fields given change; tasks replace "
                              "the list.")
class MentorshipGoalInput:
    title: str | None = None
    target_date: date | None = None
    tasks: list[GoalTaskInput] | None = None
    notes: str | None = None
    progress: int | None = strawberry.field(default=None, description="Percent, 0 to 100")
