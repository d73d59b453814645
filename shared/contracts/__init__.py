"""Event payload contracts, defined once, one module per publishing service.

Every event travels in an envelope (see shared.outbox.envelope):
{event_id, event_type, source, occurred_at, data}; `data` is one of these contracts.
"""
from __future__ import annotations

from shared.contracts.base import Contract, registry


def parse(message: dict) -> Contract:
    """The typed data of an envelope; raises pydantic.ValidationError on a bad payload."""
    return registry()[message["event_type"]].model_validate(message["data"])


__all__ = ["Contract", "parse", "registry"]
