"""Enums of mentoring programmes and mentorships."""
from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class MentoringRole(Enum):
    MENTOR = "MENTOR"
    MENTEE = "MENTEE"


@strawberry.enum(description="PENDING until the mentor answers; ACTIVE once matched.")
class MatchStatus(Enum):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    DECLINED = "DECLINED"
    CLOSED = "CLOSED"


@strawberry.enum(description="How the pair was matched.")
class MatchedBy(Enum):
    CHOSEN = "CHOSEN"
    COORDINATOR = "COORDINATOR"
    REQUEST = "REQUEST"


@strawberry.enum(description="Reached by activity, never ticked by hand.")
class MilestoneName(Enum):
    MATCHED = "MATCHED"
    FIRST_SESSION = "FIRST_SESSION"
    FIRST_GOAL = "FIRST_GOAL"
    HALFWAY = "HALFWAY"
    COMPLETED = "COMPLETED"


@strawberry.enum
class MentorshipSide(Enum):
    MENTOR = "mentor"
    MENTEE = "mentee"
