"""Growth reads: goals, check-ins, one-on-ones, the kudos feed and the team view."""
from __future__ import annotations

from datetime import date

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.growth.check_ins import CheckIn, CheckInDraft
from gateway.growth.goals import Goal
from gateway.growth.kudos import Kudos
from gateway.growth.one_on_ones import OneOnOne
from gateway.growth.team import TeamGrowth
from gateway.pagination import Connection, connection_from


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@strawberry.type
class GrowthQuery:
    @strawberry.field(description="A goal you may read.", permission_classes=[IsSignedIn])
    async def goal(self, info: Info, id: strawberry.ID) -> Goal | None:
        return await info.context.loaders.goals.load(str(id))

    @strawberry.field(description="The goals you may read of a person, a team (its goals and "
                                  "its people's) or a period like 2026-Q4.",
                      permission_classes=[IsSignedIn])
    async def goals(self, info: Info, owner_id: strawberry.ID | None = None,
                    team_id: str | None = None, period: str | None = None) -> list[Goal]:
        found = await info.context.query("growth", "list_goals", owner_id=owner_id,
                                         team=team_id, period=period)
        return [Goal.from_dto(g) for g in found]

    @strawberry.field(description="Your check-ins, newest week first.",
                      permission_classes=[IsSignedIn])
    async def my_check_ins(self, info: Info) -> list[CheckIn]:
        return [CheckIn.from_dto(c) for c in await info.context.query("growth", "my_check_ins")]

    @strawberry.field(description="What your check-in of the week starts from: the plans "
                                  "carried forward.", permission_classes=[IsSignedIn])
    async def check_in_draft(self, info: Info, week_of: date | None = None) -> CheckInDraft:
        found = await info.context.query("growth", "check_in_draft", _iso(week_of))
        return CheckInDraft.from_dto(found)

    @strawberry.field(description="A week's check-ins of a team (this week by default), for "
                                  "its members and managers; moods only within your chain.",
                      permission_classes=[IsSignedIn])
    async def team_check_ins(self, info: Info, team_id: str,
                             week_of: date | None = None) -> list[CheckIn]:
        found = await info.context.query("growth", "team_check_ins", team_id, _iso(week_of))
        return [CheckIn.from_dto(c) for c in found]

    @strawberry.field(description="Your one-on-ones as manager or report, latest first.",
                      permission_classes=[IsSignedIn])
    async def one_on_ones(self, info: Info) -> list[OneOnOne]:
        found = await info.context.query("growth", "list_one_on_ones")
        return [OneOnOne.from_dto(m) for m in found]

    @strawberry.field(permission_classes=[IsSignedIn])
    async def one_on_one(self, info: Info, id: strawberry.ID) -> OneOnOne | None:
        found = await info.context.loaders.one_on_ones.load(str(id))
        return OneOnOne.from_dto(found) if found else None

    @strawberry.field(description="Kudos the team and its people received that you may read, "
                                  "newest first.", permission_classes=[IsSignedIn])
    async def kudos_feed(self, info: Info, team_id: str, first: int = 20,
                         after: str | None = None) -> Connection[Kudos]:
        page = await info.context.query("growth", "kudos_feed", team_id, first=first,
                                        after=after)
        return connection_from(page, Kudos.from_dto)

    @strawberry.field(description="For managers: the team this week and this quarter.",
                      permission_classes=[IsSignedIn])
    async def team_growth(self, info: Info, team_id: str) -> TeamGrowth:
        return TeamGrowth.from_dto(await info.context.query("growth", "team_growth", team_id))
