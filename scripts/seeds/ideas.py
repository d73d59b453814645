"""Seeds demo ideas, each submitted by its author."""
from __future__ import annotations

from scripts.seeds import org_data

ORDER = 20
SERVICES = ("career", "ideas")


def seed(ctx) -> str:
    for idea in org_data.ideas():
        with ctx.as_person(idea.pop("author_email")) as cluster:
            cluster.ideas.submit_idea(idea)
    return f"{len(org_data.IDEAS)} ideas"
