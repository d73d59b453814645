"""Enums of the career marketplace."""
from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class OpportunityKind(Enum):
    ROLE = "ROLE"
    PROJECT = "PROJECT"
    GIG = "GIG"
    MENTORSHIP = "MENTORSHIP"


@strawberry.enum
class OpportunityStatus(Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


@strawberry.enum
class ApplicationStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.enum
class MentoringStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


@strawberry.enum
class Decision(Enum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"
