"""Mentoring reads: programmes, suggested mentors, the caller's mentorships, one
mentorship, a programme's report."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import Missing
from gateway.mentoring.types import (
    MentoringProgramme,
    Mentorship,
    ProgrammeReport,
    SuggestedMentor,
)


@strawberry.type
class MentoringQuery:
    @strawberry.field(description="Every programme, the latest to start first.",
                      permission_classes=[IsSignedIn])
    async def mentoring_programmes(self, info: Info) -> list[MentoringProgramme]:
        rows = await info.context.query("career", "mentoring_programmes")
        return [MentoringProgramme.from_dto(p) for p in rows]

    @strawberry.field(permission_classes=[IsSignedIn])
    async def mentoring_programme(self, info: Info, id: strawberry.ID
                                  ) -> MentoringProgramme | None:
        return await info.context.loaders.mentoring_programmes.load(str(id))

    @strawberry.field(description="For you as a mentee: the programme's mentors with a free "
                                  "place, best match first, with reasons.",
                      permission_classes=[IsSignedIn])
    async def suggested_mentors(self, info: Info, programme_id: strawberry.ID,
                                first: int = 5) -> list[SuggestedMentor]:
        rows = await info.context.query("career", "suggested_mentors", str(programme_id),
                                        first)
        return [SuggestedMentor(**r) for r in rows]

    @strawberry.field(description="Yours as mentor or mentee, newest first.",
                      permission_classes=[IsSignedIn])
    async def my_mentorships(self, info: Info) -> list[Mentorship]:
        return [Mentorship.from_dto(m)
                for m in await info.context.query("career", "my_mentorships")]

    @strawberry.field(description="The pair sees it all but the other's private notes; the "
                                  "programme's coordinators and admins a summary; anyone "
                                  "else null.", permission_classes=[IsSignedIn])
    async def mentorship(self, info: Info, id: strawberry.ID) -> Mentorship | None:
        try:
            return Mentorship.from_dto(
                await info.context.query("career", "get_mentorship", str(id)))
        except Missing:
            return None

    @strawberry.field(description="For the programme's coordinators and admins; `team` "
                                  "counts that team's people only.",
                      permission_classes=[IsSignedIn])
    async def programme_report(self, info: Info, programme_id: strawberry.ID,
                               team: str | None = None) -> ProgrammeReport:
        return ProgrammeReport.from_dto(await info.context.query(
            "career", "programme_report", str(programme_id), team))
