"""Who reads a note: its author only, or everyone the note is shared with."""
from enum import Enum

import strawberry


@strawberry.enum
class NoteVisibility(Enum):
    PRIVATE = "PRIVATE"
    SHARED = "SHARED"
