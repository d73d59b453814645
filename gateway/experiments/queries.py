"""Experiments reads: one experiment, the listing."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.experiments.enums import RuleSet
from gateway.experiments.inputs import ExperimentFilter
from gateway.experiments.types import Experiment
from gateway.pagination import Connection, connection_from


@strawberry.type
class ExperimentsQuery:
    @strawberry.field(permission_classes=[IsSignedIn])
    async def experiment(self, info: Info, id: strawberry.ID) -> Experiment | None:
        return await info.context.loaders.experiments.load(str(id))

    @strawberry.field(description="The newest first.", permission_classes=[IsSignedIn])
    async def experiments(self, info: Info, filter: ExperimentFilter | None = None,
                          first: int = 20, after: str | None = None) -> Connection[Experiment]:
        page = await info.context.query("experiments", "list_experiments", first=first,
                                        after=after,
                                        filter=filter.to_dict() if filter else None)
        return connection_from(page, Experiment.from_dto)

    @strawberry.field(description="The rule set experiments are planned with when they name "
                                  "none (an admin's setting; IHI out of the box).",
                      permission_classes=[IsSignedIn])
    async def default_rule_set(self, info: Info) -> RuleSet:
        settings = await info.context.query("experiments", "get_chart_settings")
        return RuleSet(settings["default_rules"])
