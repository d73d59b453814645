"""An experiment's run chart, live: each measurement (and stage change) sends the experiment
again, read as the subscriber through the same RPC as the query."""
from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from gateway import live
from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import PublicError
from gateway.experiments.types import Experiment


async def readable_experiment(info: Info, experiment_id: str) -> Experiment | None:
    [dto] = await info.context.query("experiments", "get_experiments", [experiment_id])
    return Experiment.from_dto(dto) if dto else None


@strawberry.type
class ExperimentsSubscription:
    @strawberry.subscription(description="The experiment, with its run chart, after each new "
                                         "or corrected measurement.",
                             permission_classes=[IsSignedIn])
    async def run_chart_changed(self, info: Info, experiment_id: strawberry.ID
                                ) -> AsyncGenerator[Experiment, None]:
        if await readable_experiment(info, str(experiment_id)) is None:
            raise PublicError(f"experiment {experiment_id} not found", "NOT_FOUND")
        async for _ in live.events(info.context, ("experiment", str(experiment_id))):
            experiment = await readable_experiment(info, str(experiment_id))
            if experiment is None:
                return
            yield experiment
