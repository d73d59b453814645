"""Measurements imported from CSV: what an import changed, and the rows that stopped it."""
from __future__ import annotations

import strawberry

from gateway.errors import UserError, user_error
from gateway.experiments.types import Experiment
from shared import errors as domain


@strawberry.type
class MeasurementsImported:
    experiment: Experiment
    recorded: int = strawberry.field(description="Rows new to the experiment.")
    corrected: int = strawberry.field(description="Rows that changed a recorded value.")
    unchanged: int = strawberry.field(description="Rows already recorded as they are.")

    @classmethod
    def from_dto(cls, dto: dict) -> MeasurementsImported:
        return cls(experiment=Experiment.from_dto(dto["experiment"]), recorded=dto["recorded"],
                   corrected=dto["corrected"], unchanged=dto["unchanged"])


@strawberry.type
class CsvRowError:
    row: int = strawberry.field(description="Line number in the CSV, from 1.")
    field: str
    message: str


@strawberry.type(description="Some rows of the CSV are bad; nothing was imported.")
class MeasurementImportError(UserError):
    rows: list[CsvRowError]


def import_refusal(exc: domain.DomainError) -> UserError:
    """Row problems of the CSV as MeasurementImportError; any other error as its type."""
    if not isinstance(exc, domain.ValidationError):
        return user_error(exc)
    rows = [CsvRowError(row=e["row"], field=e["field"], message=e["message"])
            for e in exc.errors if e.get("row") is not None]
    if not rows:
        return user_error(exc)
    lines = len({r.row for r in rows})
    return MeasurementImportError(
        message=f"{lines} {'row has' if lines == 1 else 'rows have'} problems; "
                "nothing was imported", rows=rows)
