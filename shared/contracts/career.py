"""Events published by the career service."""
from __future__ import annotations

from shared.contracts.base import Contract


class PersonUpserted(Contract):
    event_type = "person_upserted"

    person_id: str
    name: str
    team: str | None
    roles: list[str]
