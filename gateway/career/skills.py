"""Skills and the proof of them, as career sends them: what profiles, opportunities and skill
gaps are made of."""
from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type(description="A skill: an ESCO entry, or a custom one someone typed.")
class Skill:
    id: strawberry.ID
    name: str
    custom: bool

    @classmethod
    def from_dto(cls, dto: dict) -> Skill:
        # career's skill-gap entries carry no `custom` yet; every other skill of it does
        custom = dto["custom"] if "custom" in dto else str(dto["id"]).startswith("custom:")
        return cls(id=strawberry.ID(dto["id"]), name=dto["name"], custom=custom)


@strawberry.type
class ProfileSkill:
    skill: Skill
    level: int = strawberry.field(description="1 (beginner) to 5 (expert)")


@strawberry.type(description="Proof of skill from improvement work.")
class Evidence:
    id: strawberry.ID
    source: str = strawberry.field(description="EXPERIMENT, IDEA or KUDOS")
    source_id: strawberry.ID
    title: str
    text: str
    occurred_at: datetime

    @classmethod
    def from_dto(cls, dto: dict) -> Evidence:
        return cls(id=strawberry.ID(dto["id"]), source=dto["source"],
                   source_id=strawberry.ID(dto["source_id"]), title=dto["title"],
                   text=dto["text"], occurred_at=datetime.fromisoformat(dto["occurred_at"]))


@strawberry.type(description="What a typed skill name is in the taxonomy.")
class SkillMatch:
    name: str = strawberry.field(description="The name as asked")
    skill: Skill | None = strawberry.field(
        description="The ESCO skill it names exactly (its label or a synonym); null when it "
                    "is no ESCO skill's name and would be kept as your own (custom) skill")
    close_matches: list[Skill] = strawberry.field(
        description="ESCO skills close to it, to pick instead (only when `skill` is null)")

    @classmethod
    def from_dto(cls, dto: dict) -> SkillMatch:
        found = dto["skill"]
        return cls(name=dto["name"], skill=Skill.from_dto(found) if found else None,
                   close_matches=[Skill.from_dto(s) for s in dto["close"]])
