"""Enums of growth."""
from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Who reads a goal: PRIVATE the owner and their manager chain, "
                             "TEAM the owner's team, ORGANISATION everyone signed in.")
class GoalVisibility(Enum):
    PRIVATE = "PRIVATE"
    TEAM = "TEAM"
    ORGANISATION = "ORGANISATION"


@strawberry.enum(description="PUBLIC: everyone signed in; PRIVATE: giver and recipient.")
class KudosVisibility(Enum):
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"


@strawberry.enum
class KudosLinkKind(Enum):
    IDEA = "IDEA"
    EXPERIMENT = "EXPERIMENT"
    GOAL = "GOAL"


@strawberry.enum(description="How often one-on-ones recur; MONTHLY is every four weeks.")
class OneOnOneCadence(Enum):
    WEEKLY = "WEEKLY"
    BIWEEKLY = "BIWEEKLY"
    MONTHLY = "MONTHLY"
