"""Mentoring programmes, enrolments, suggested mentors, mentorships with their goals and
milestones, and the programme report as GraphQL types."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.iso import day, moment
from gateway.mentoring.enums import (
    MatchedBy,
    MatchStatus,
    MentoringRole,
    MentorshipSide,
    MilestoneName,
)
from gateway.mentoring.sessions import MentoringSession

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type
class Enrolment:
    id: strawberry.ID
    role: MentoringRole
    skills: list[str] = strawberry.field(description="Help areas (mentor) or development "
                                                     "areas (mentee)")
    capacity: int = strawberry.field(description="Mentees a mentor takes; 0 for a mentee")
    goal: str
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.person_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Enrolment:
        return cls(id=strawberry.ID(dto["id"]), role=MentoringRole(dto["role"]),
                   skills=dto["skills"], capacity=dto["capacity"], goal=dto["goal"],
                   person_id=dto["person_id"])


@strawberry.type
class MentoringProgramme:
    id: strawberry.ID
    name: str
    description: str
    starts_on: date
    ends_on: date
    audience: list[str] = strawberry.field(description="Teams it is for; empty: everyone")
    my_enrolment: Enrolment | None
    coordinates: bool = strawberry.field(description="True: you coordinate it (or are admin)")
    mentor_count: int
    mentee_count: int
    coordinator_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def coordinators(self, info: Info) -> list[PersonRef]:
        found = await info.context.loaders.people.load_many(self.coordinator_ids)
        return [p for p in found if p is not None]

    @strawberry.field(description="Everyone enrolled; null unless you coordinate it.")
    async def enrolments(self, info: Info) -> list[Enrolment] | None:
        if not self.coordinates:
            return None
        rows = await info.context.query("career", "programme_enrolments", str(self.id))
        return [Enrolment.from_dto(e) for e in rows]

    @strawberry.field(description="Every match, as a coordinator sees it; null unless you "
                                  "coordinate it.")
    async def mentorships(self, info: Info) -> list[Mentorship] | None:
        if not self.coordinates:
            return None
        rows = await info.context.query("career", "programme_mentorships", str(self.id))
        return [Mentorship.from_dto(m) for m in rows]

    @classmethod
    def from_dto(cls, dto: dict) -> MentoringProgramme:
        mine = dto["my_enrolment"]
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"],
                   description=dto["description"], starts_on=day(dto["starts_on"]),
                   ends_on=day(dto["ends_on"]), audience=dto["audience"],
                   my_enrolment=Enrolment.from_dto(mine) if mine else None,
                   coordinates=dto["coordinates"], mentor_count=dto["mentors"],
                   mentee_count=dto["mentees"], coordinator_ids=dto["coordinator_ids"])


@strawberry.type
class SuggestedMentor:
    score: float = strawberry.field(description="Higher is a better match")
    shared_skills: list[str]
    reasons: list[str]
    load: int = strawberry.field(description="Mentees matched or asking now")
    capacity: int
    person_id: strawberry.Private[str]

    @strawberry.field
    async def mentor(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.person_id)


@strawberry.type
class Milestone:
    name: MilestoneName
    reached_at: datetime | None


@strawberry.type
class GoalTask:
    text: str
    done: bool


@strawberry.type(description="Shared by the pair; a coordinator sees its title and progress "
                             "only (tasks and notes are null).")
class MentorshipGoal:
    id: strawberry.ID
    title: str
    target_date: date | None
    progress: int = strawberry.field(description="Percent, 0 to 100")
    tasks: list[GoalTask] | None
    notes: str | None
    created_at: datetime
    completed_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> MentorshipGoal:
        tasks = dto["tasks"]
        return cls(id=strawberry.ID(dto["id"]), title=dto["title"],
                   target_date=day(dto["target_date"]), progress=dto["progress"],
                   tasks=None if tasks is None else [GoalTask(**t) for t in tasks],
                   notes=dto["notes"], created_at=moment(dto["created_at"]),
                   completed_at=moment(dto["completed_at"]))


@strawberry.type
class Mentorship:
    id: strawberry.ID
    status: MatchStatus
    matched_by: MatchedBy
    created_at: datetime
    matched_at: datetime | None
    closed_at: datetime | None
    last_activity_at: datetime
    stuck: bool = strawberry.field(description="ACTIVE with no session, note or goal update "
                                               "for 21 days")
    milestones: list[Milestone]
    goals: list[MentorshipGoal]
    sessions: list[MentoringSession]
    my_side: MentorshipSide | None = strawberry.field(description="Null outside the pair")
    my_rating: int | None
    my_reflection: str | None
    closed_by: list[MentorshipSide] | None = strawberry.field(
        description="The sides that closed it with their rating; null outside the pair")
    programme_id: strawberry.Private[str | None]
    mentor_id: strawberry.Private[str]
    mentee_id: strawberry.Private[str]

    @strawberry.field
    async def mentor(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.mentor_id)

    @strawberry.field
    async def mentee(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.mentee_id)

    @strawberry.field(description="Null for a match outside any programme.")
    async def programme(self, info: Info) -> MentoringProgramme | None:
        if not self.programme_id:
            return None
        return await info.context.loaders.mentoring_programmes.load(self.programme_id)

    @classmethod
    def from_dto(cls, dto: dict) -> Mentorship:
        closed_by = dto["closed_by"]
        return cls(
            id=strawberry.ID(dto["id"]), status=MatchStatus(dto["status"]),
            matched_by=MatchedBy(dto["how"]), created_at=moment(dto["created_at"]),
            matched_at=moment(dto["matched_at"]), closed_at=moment(dto["closed_at"]),
            last_activity_at=moment(dto["last_activity_at"]), stuck=dto["stuck"],
            milestones=[Milestone(name=MilestoneName(m["name"]),
                                  reached_at=moment(m["reached_at"]))
                        for m in dto["milestones"]],
            goals=[MentorshipGoal.from_dto(g) for g in dto["goals"]],
            sessions=[MentoringSession.from_dto(s) for s in dto["sessions"]],
            my_side=MentorshipSide(dto["my_side"]) if dto["my_side"] else None,
            my_rating=dto["my_rating"], my_reflection=dto["my_reflection"],
            closed_by=None if closed_by is None else [MentorshipSide(s) for s in closed_by],
            programme_id=dto["programme_id"], mentor_id=dto["mentor_id"],
            mentee_id=dto["mentee_id"])


@strawberry.type(description="Figures only: never a pair's notes, tasks or ratings (the mean "
                             "rating is null until 3 mentorships are rated).")
class ProgrammeReport:
    team: str | None
    enrolled_mentors: int
    enrolled_mentees: int
    matched_mentees: int
    match_rate: float | None = strawberry.field(description="Matched of enrolled mentees")
    median_days_to_first_session: float | None
    sessions_per_mentorship: float | None
    stuck_mentorships: int
    goals_completed: int
    mean_rating: float | None
    teams: list[str] = strawberry.field(description="Teams to filter by")
    programme_id: strawberry.Private[str]

    @strawberry.field(description="The whole programme, then each team, as CSV; columns: "
                                  "team, enrolled_mentors, enrolled_mentees, matched_mentees, "
                                  "match_rate, median_days_to_first_session, "
                                  "sessions_per_mentorship, stuck_mentorships, "
                                  "goals_completed, mean_rating.")
    async def csv(self, info: Info) -> str:
        return await info.context.query("career", "programme_report_csv", self.programme_id)

    @classmethod
    def from_dto(cls, dto: dict) -> ProgrammeReport:
        return cls(**{k: dto[k] for k in (
            "team", "enrolled_mentors", "enrolled_mentees", "matched_mentees", "match_rate",
            "median_days_to_first_session", "sessions_per_mentorship", "stuck_mentorships",
            "goals_completed", "mean_rating", "teams", "programme_id")})
