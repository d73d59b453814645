"""Experiments in GraphQL: queries and mutations; the types are in experiments_node and
experiments_types. `ExperimentsQuery` and `ExperimentsMutation` are what the root schema
composes. Every rule (stages, who may, what is valid) is the experiments service's."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.errors import (
    SIGN_IN_FIRST,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    user_error,
)
from gateway.experiments_inputs import (
    ExperimentFilter,
    FollowUpExperimentInput,
    PlanExperimentInput,
)
from gateway.experiments_node import Experiment, experiments_loader
from gateway.experiments_types import CsvRowError, ExperimentDecision, MeasurementImportError
from gateway.pagination import Connection, connection_from
from shared import errors as domain

__all__ = ["Experiment", "ExperimentsMutation", "ExperimentsQuery"]

Errors = ValidationError | NotFoundError | PermissionDeniedError | ConflictError
ExperimentResult = Annotated[Experiment | Errors, strawberry.union("ExperimentResult")]


@strawberry.type
class MeasurementsImported:
    experiment: Experiment
    recorded: int = strawberry.field(description="Rows new to the experiment.")
    corrected: int = strawberry.field(description="Rows that changed a recorded value.")
    unchanged: int = strawberry.field(description="Rows already recorded as they are.")


ImportMeasurementsResult = Annotated[MeasurementsImported | MeasurementImportError | Errors,
                                     strawberry.union("ImportMeasurementsResult")]


def import_error(exc: domain.ValidationError) -> MeasurementImportError | None:
    rows = [CsvRowError(row=e["row"], field=e["field"], message=e["message"])
            for e in exc.errors if e.get("row") is not None]
    if not rows:
        return None
    lines = len({r.row for r in rows})
    return MeasurementImportError(
        message=f"{lines} {'row has' if lines == 1 else 'rows have'} problems; "
                "nothing was imported", rows=rows)


async def run(info: Info[Context, None], method: str, *args,
              to: Callable = Experiment.from_dto, **kwargs):
    """Calls the experiments service as the signed-in person; domain errors become typed
    user errors."""
    if info.context.identity is None:
        return PermissionDeniedError(message=SIGN_IN_FIRST)
    try:
        result = await info.context.command("experiments", method, *args, **kwargs)
    except domain.ValidationError as exc:
        return import_error(exc) or user_error(exc)
    except domain.DomainError as exc:
        return user_error(exc)
    return to(result)


@strawberry.type
class ExperimentsQuery:
    @strawberry.field
    async def experiment(self, info: Info[Context, None],
                         id: strawberry.ID) -> Experiment | None:
        dto = await experiments_loader(info).load(str(id))
        return Experiment.from_dto(dto) if dto else None

    @strawberry.field(description="The newest first.")
    async def experiments(self, info: Info[Context, None],
                          filter: ExperimentFilter | None = None, first: int = 20,
                          after: str | None = None) -> Connection[Experiment]:
        page = await info.context.query("experiments", "list_experiments", first=first,
                                        after=after,
                                        filter=filter.to_dict() if filter else None)
        return connection_from(page, Experiment.from_dto)


@strawberry.type
class ExperimentsMutation:
    @strawberry.mutation(description="You own the experiment and are its first member.")
    async def plan_experiment(self, info: Info[Context, None],
                              input: PlanExperimentInput) -> ExperimentResult:
        return await run(info, "plan_experiment", input.to_dict())

    @strawberry.mutation(description="PLAN → DO; members (or a manager).")
    async def start_experiment(self, info: Info[Context, None],
                               id: strawberry.ID) -> ExperimentResult:
        return await run(info, "start_experiment", str(id))

    @strawberry.mutation(description="DO → STUDY; members (or a manager).")
    async def study_experiment(self, info: Info[Context, None],
                               id: strawberry.ID) -> ExperimentResult:
        return await run(info, "study_experiment", str(id))

    @strawberry.mutation(description="STUDY → ACT → CONCLUDED with the decision; only the "
                                     "owner or a manager. ADAPT may plan a follow-up.")
    async def conclude_experiment(self, info: Info[Context, None], id: strawberry.ID,
                                  decision: ExperimentDecision, learnings: str,
                                  where_else: str | None = None,
                                  follow_up: FollowUpExperimentInput | None = None,
                                  ) -> ExperimentResult:
        return await run(info, "conclude_experiment", str(id), decision.value, learnings,
                         where_else, follow_up.to_dict() if follow_up else None)

    @strawberry.mutation(description="Members only. The same time again: no change with the "
                                     "same value, a correction (kept) with another.")
    async def record_measurement(self, info: Info[Context, None],
                                 experiment_id: strawberry.ID, value: float, at: datetime,
                                 note: str | None = None) -> ExperimentResult:
        return await run(info, "record_measurement", str(experiment_id), value,
                         at.isoformat(), note)

    @strawberry.mutation(description="Members only. CSV rows of at,value[,note]; all or "
                                     "nothing.")
    async def import_measurements(self, info: Info[Context, None],
                                  experiment_id: strawberry.ID,
                                  csv: str) -> ImportMeasurementsResult:
        return await run(info, "import_measurements", str(experiment_id), csv,
                         to=lambda r: MeasurementsImported(
                             experiment=Experiment.from_dto(r["experiment"]),
                             recorded=r["recorded"], corrected=r["corrected"],
                             unchanged=r["unchanged"]))
