"""Rebuilds the insights read model once every other seed has run, so the demo has themes
(with their labels) and recommendations without waiting for in-flight events."""
from __future__ import annotations

ORDER = 90
SERVICES = ("insights",)


def seed(ctx) -> str:
    from services.insights.cli import reindex

    result = reindex(progress=False)
    return f"{result['themes']} themes"
