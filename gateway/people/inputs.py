"""Inputs of the people directory."""
from __future__ import annotations

import strawberry


@strawberry.input
class EmployeeFilter:
    team: str | None = None
    search: str | None = strawberry.field(default=None,
                                          description="In name, title or e-mail")
    skill: str | None = strawberry.field(default=None, description="A skill they list")

    def to_dict(self) -> dict:
        """Only the criteria given, as career's list_people takes them."""
        return {k: v for k, v in strawberry.asdict(self).items() if v}
