"""Enums of ideas."""
from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class IdeaStatus(Enum):
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    ACCEPTED = "ACCEPTED"
    EXPERIMENTING = "EXPERIMENTING"
    IMPLEMENTED = "IMPLEMENTED"
    DECLINED = "DECLINED"
    DUPLICATE = "DUPLICATE"


@strawberry.enum(description="The impact/effort matrix; quick wins are done first.")
class PriorityBand(Enum):
    QUICK_WIN = "QUICK_WIN"
    MAJOR_PROJECT = "MAJOR_PROJECT"
    FILL_IN = "FILL_IN"
    THANKLESS_TASK = "THANKLESS_TASK"


@strawberry.enum
class IdeaOrder(Enum):
    NEWEST = "NEWEST"
    TOP_VOTED = "TOP_VOTED"
    PRIORITY = "PRIORITY"
