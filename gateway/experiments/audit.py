"""The audit trail of an experiment: its stage changes and corrected measurements."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from gateway.context import Info
from gateway.experiments.enums import ExperimentStage
from gateway.iso import moment

if TYPE_CHECKING:
    from gateway.people.types import Person

PersonRef = Annotated["Person", strawberry.lazy("gateway.people.types")]


@strawberry.type(description="One step of an experiment through PDCA.")
class ExperimentStageChange:
    from_stage: ExperimentStage | None = strawberry.field(name="from")
    to: ExperimentStage
    at: datetime
    changed_by: strawberry.Private[str]

    @strawberry.field
    async def by(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.changed_by)

    @classmethod
    def from_dto(cls, dto: dict) -> ExperimentStageChange:
        previous = dto["from_stage"]
        return cls(from_stage=ExperimentStage(previous) if previous else None,
                   to=ExperimentStage(dto["to_stage"]), at=moment(dto["changed_at"]),
                   changed_by=dto["changed_by"])


@strawberry.type(description="A measurement recorded again at the same time with another "
                             "value or note: the audit trail.")
class MeasurementCorrection:
    at: datetime
    old_value: float
    new_value: float
    old_note: str | None
    new_note: str | None
    corrected_at: datetime
    corrected_by: strawberry.Private[str]

    @strawberry.field
    async def by(self, info: Info) -> PersonRef | None:
        return await info.context.loaders.people.load(self.corrected_by)

    @classmethod
    def from_dto(cls, dto: dict) -> MeasurementCorrection:
        return cls(at=moment(dto["at"]), old_value=dto["old_value"], new_value=dto["new_value"],
                   old_note=dto["old_note"], new_note=dto["new_note"],
                   corrected_at=moment(dto["corrected_at"]), corrected_by=dto["corrected_by"])
