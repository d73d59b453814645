"""Seeds the demo people (the directory) first: everything else has authors."""
from __future__ import annotations

from scripts.seeds import org_data

ORDER = 10
SERVICES = ("career",)


def seed(ctx) -> str:
    with ctx.as_system() as cluster:
        cluster.career.upsert_people(org_data.people())
    ctx.refresh_people()
    return f"{len(ctx.people)} people"
