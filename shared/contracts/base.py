"""The base of every event contract, and the registry of event type -> contract."""
from __future__ import annotations

import importlib
import pkgutil
from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    """An event's data. Subclasses set `event_type` (past tense: idea_submitted)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    event_type: ClassVar[str]

    def dump(self) -> dict:
        return self.model_dump(mode="json")


def registry() -> dict[str, type[Contract]]:
    import shared.contracts as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"shared.contracts.{module.name}")
    return {cls.event_type: cls for cls in _subclasses(Contract)}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        if hasattr(sub, "event_type"):
            found.append(sub)
        found += _subclasses(sub)
    return found
